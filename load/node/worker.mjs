// One process of the fleet: holds its share of the WebSocket clients (the ws package, as a Node.js renderer or
// tool would) and parses every message on arrival, as the renderer does. The coordinator (fleet.mjs) tells it,
// over the IPC channel, when to record; it answers with a histogram of latencies (whole milliseconds from the
// payload's timestamp to arrival) and its counts, so that no per-message array crosses the channel.
import WebSocket from "ws";

const MAX_MS = 120_000;  // latencies at or above this land in the last bucket

let url = "";
let libraryId = "";
const clients = [];
let recording = false;
let histogram = new Uint32Array(MAX_MS + 1);

/** One client: its socket and what it saw of the measured item. */
function open(index) {
  return new Promise((resolve, reject) => {
    const client = { updates: 0, duplicates: 0, lastSeq: 0, socket: null };
    const socket = new WebSocket(url.replace(/^http/, "ws") + "/");
    client.socket = socket;
    const timer = setTimeout(() => reject(new Error(`client ${index}: no connect within 30 s`)), 30_000);
    socket.on("message", (data) => {
      const message = JSON.parse(data.toString());
      if (message.event === "connect") {
        clearTimeout(timer);
        resolve(client);
        return;
      }
      if (message.event !== "library:item:updated" || message.data.libraryId !== libraryId) {
        return;
      }
      if (message.seq !== undefined && message.seq <= client.lastSeq) {
        client.duplicates++;
        return;
      }
      client.lastSeq = message.seq ?? client.lastSeq;
      client.updates++;
      if (recording) {
        const latency = Date.now() - message.data.timestamp;
        histogram[Math.max(0, Math.min(MAX_MS, latency))]++;
      }
    });
    socket.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on("close", (code) => {
      client.closed = code;
    });
  });
}

async function connect(count) {
  const inFlight = 200;  // as the Java tool: a bounded number of handshakes at once
  let next = 0;
  let failed = 0;
  async function lane() {
    while (next < count) {
      const index = next++;
      try {
        clients.push(await open(index));
      } catch (error) {
        if (failed++ === 0) {
          console.error(`a client failed to connect: ${error.message}`);
        }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, lane));
  return failed;
}

function counts() {
  let updates = 0;
  let duplicates = 0;
  const behindOf = (count) => clients.filter((client) => client.updates < count).length;
  for (const client of clients) {
    updates += client.updates;
    duplicates += client.duplicates;
  }
  return { updates, duplicates, live: clients.length, behindOf };
}

function cpuMillis() {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

process.on("message", async (command) => {
  switch (command.type) {
    case "connect": {
      url = command.url;
      libraryId = command.libraryId;
      const failed = await connect(command.count);
      process.send({ type: "connected", failed });
      break;
    }
    case "record":
      histogram = new Uint32Array(MAX_MS + 1);
      for (const client of clients) {
        client.updates = 0;
        client.duplicates = 0;
      }
      recording = true;
      process.send({ type: "recording", cpuMillis: cpuMillis() });
      break;
    case "behind":
      process.send({ type: "behind", behind: counts().behindOf(command.count) });
      break;
    case "stop": {
      recording = false;
      const { updates, duplicates, live } = counts();
      process.send({ type: "stopped", histogram: Array.from(histogram), updates, duplicates, live,
                     cpuMillis: cpuMillis() });
      break;
    }
    case "close":
      for (const client of clients) {
        client.socket.terminate();
      }
      process.exit(0);
      break;
    default:
      console.error(`unknown command ${command.type}`);
  }
});
