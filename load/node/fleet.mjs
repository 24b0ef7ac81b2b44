// The Node.js client fleet of bin/perf (PERF_FLEET=node): the same measurement as the Java load tool in load/
// (one library item whose favorite flag is toggled through PATCH /api/library/:id/favorite at a fixed rate, each
// toggle one library:item:updated for every client, latency from the payload's timestamp to arrival), but with
// clients as heavy as real ones: WebSocket clients of the ws package spread over --procs Node.js processes, each
// message JSON.parse'd on arrival. It prints its rows in the Java tool's format, so bin/perf summarizes both.
//
//   node fleet.mjs --url http://127.0.0.1:3000 --clients 1000 --procs 2 --rate 50 --duration 10 --warmup 5 \
//                  [--pid <server pid>] [--drain 30]
//
// Exit status 1 when a client failed to connect or any message was lost.
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const options = parse(process.argv.slice(2));
const MAX_IN_FLIGHT = 512;  // toggles waiting for their answer; a server that cannot keep up gets fewer

function parse(args) {
  const options = { url: "http://127.0.0.1:3000", clients: 1000, procs: 2, rate: [50], duration: 10, warmup: 5,
                    pid: null, drain: 30 };
  for (let i = 0; i < args.length; i += 2) {
    const [name, value] = [args[i], args[i + 1]];
    switch (name) {
      case "--url": options.url = value.replace(/\/$/, ""); break;
      case "--clients": options.clients = Number(value); break;
      case "--procs": options.procs = Number(value); break;
      case "--rate": options.rate = value.split(",").map(Number); break;
      case "--duration": options.duration = Number(value); break;
      case "--warmup": options.warmup = Number(value); break;
      case "--pid": options.pid = Number(value); break;
      case "--drain": options.drain = Number(value); break;
      default:
        console.error(`unknown option ${name}; see the head of ${fileURLToPath(import.meta.url)}`);
        process.exit(2);
    }
  }
  return options;
}

/** CPU time of a process in milliseconds, from /proc (utime + stime, in clock ticks of 10 ms). */
function cpuMillisOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function residentKibOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
}

/** One worker process, with a way to ask it something and wait for its answer of a given type. */
function startWorker() {
  const child = fork(join(dirname(fileURLToPath(import.meta.url)), "worker.mjs"));
  const waiting = new Map();
  child.on("message", (message) => {
    const resolve = waiting.get(message.type);
    waiting.delete(message.type);
    resolve?.(message);
  });
  return {
    ask(command, answer) {
      return new Promise((resolve) => {
        waiting.set(answer, resolve);
        child.send(command);
      });
    },
    close() {
      child.send({ type: "close" });
    },
  };
}

async function createItem() {
  const response = await fetch(`${options.url}/api/library`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    // with a cover, as the renderer adds items (it sends the details' cover)
    body: JSON.stringify({ mangaId: `load-${randomUUID()}`, extensionId: "local", title: "Load test",
                           status: "reading", coverUrl: "https://covers.example/load.png" }),
  });
  if (response.status !== 201) {
    throw new Error(`POST /api/library answered ${response.status}: ${await response.text()}`);
  }
  return (await response.json()).id;
}

/** Sends count toggles at perSecond; resolves with how many the server acknowledged with 200. */
function toggle(libraryId, count, perSecond) {
  return new Promise((resolve) => {
    let sent = 0;
    let answered = 0;
    let acknowledged = 0;
    let inFlight = 0;
    const period = 1000 / perSecond;
    const started = performance.now();
    const tick = () => {
      // as many as are due by now: a late timer catches up instead of lowering the rate
      while (sent < count && performance.now() - started >= sent * period) {
        if (inFlight >= MAX_IN_FLIGHT) {
          break;
        }
        sent++;
        inFlight++;
        fetch(`${options.url}/api/library/${libraryId}/favorite`, { method: "PATCH" })
            .then(async (response) => {
              await response.arrayBuffer();
              if (response.status === 200) {
                acknowledged++;
              }
            })
            .catch(() => {})
            .finally(() => {
              inFlight--;
              if (++answered === count) {
                resolve(acknowledged);
              }
            });
      }
      if (sent < count) {
        setTimeout(tick, Math.max(0, started + sent * period - performance.now()));
      }
    };
    tick();
  });
}

async function awaitDelivered(workers, count) {
  const deadline = Date.now() + options.drain * 1000;
  while (Date.now() < deadline) {
    const behind = await Promise.all(workers.map((w) => w.ask({ type: "behind", count }, "behind")));
    if (behind.every((answer) => answer.behind === 0)) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function percentile(histogram, total, share) {
  const rank = Math.max(1, Math.ceil(total * share));
  let seen = 0;
  for (let ms = 0; ms < histogram.length; ms++) {
    seen += histogram[ms];
    if (seen >= rank) {
      return ms;
    }
  }
  return histogram.length - 1;
}

async function step(workers, libraryId, rate) {
  const updates = Math.round(rate * options.duration);
  const recording = await Promise.all(workers.map((w) => w.ask({ type: "record" }, "recording")));
  const serverBefore = options.pid ? cpuMillisOf(options.pid) : 0;
  const toolBefore = recording.reduce((sum, answer) => sum + answer.cpuMillis, 0) + process.cpuUsage().user / 1000
                     + process.cpuUsage().system / 1000;
  const started = performance.now();
  const acknowledged = await toggle(libraryId, updates, rate);
  const sendingSeconds = (performance.now() - started) / 1000;
  await awaitDelivered(workers, acknowledged);
  const serverMillis = options.pid ? cpuMillisOf(options.pid) - serverBefore : NaN;
  const stopped = await Promise.all(workers.map((w) => w.ask({ type: "stop" }, "stopped")));
  const toolMillis = stopped.reduce((sum, answer) => sum + answer.cpuMillis, 0) + process.cpuUsage().user / 1000
                     + process.cpuUsage().system / 1000 - toolBefore;

  const histogram = new Float64Array(stopped[0].histogram.length);
  let delivered = 0;
  let duplicated = 0;
  let live = 0;
  for (const answer of stopped) {
    answer.histogram.forEach((n, ms) => { histogram[ms] += n; });
    delivered += answer.updates;
    duplicated += answer.duplicates;
    live += answer.live;
  }
  const recorded = histogram.reduce((a, b) => a + b, 0);
  let max = 0;
  histogram.forEach((n, ms) => { if (n > 0) max = ms; });
  const lost = Math.max(0, live * acknowledged - delivered);
  const row = [
    String(rate).padStart(6), String(acknowledged).padStart(7), (acknowledged / sendingSeconds).toFixed(1).padStart(10),
    String(delivered).padStart(10), (delivered / sendingSeconds).toFixed(0).padStart(12), String(lost).padStart(4),
    String(duplicated).padStart(3),
    ...[0.5, 0.95, 0.99].map((share) => percentile(histogram, recorded, share).toFixed(2).padStart(6)),
    max.toFixed(2).padStart(6),
    (delivered > 0 ? serverMillis / (delivered / 1000) : NaN).toFixed(2).padStart(11),
    (delivered > 0 ? toolMillis / (delivered / 1000) : NaN).toFixed(2).padStart(16),
  ];
  console.log(row.join("  "));
  return lost;
}

async function main() {
  console.log(`target ${options.url}, ${options.clients} clients of the ws package in ${options.procs} Node.js`
              + ` processes (${process.version}), every message JSON.parse'd`);
  const libraryId = await createItem();
  const workers = Array.from({ length: options.procs }, startWorker);
  try {
    const rssBefore = options.pid ? residentKibOf(options.pid) : 0;
    const started = performance.now();
    const shares = workers.map((_, i) => Math.floor(options.clients / options.procs)
                                         + (i < options.clients % options.procs ? 1 : 0));
    const connected = await Promise.all(workers.map((w, i) => w.ask(
        { type: "connect", url: options.url, libraryId, count: shares[i] }, "connected")));
    const failed = connected.reduce((sum, answer) => sum + answer.failed, 0);
    console.log(`connected ${options.clients - failed} of ${options.clients} in `
                + `${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (options.pid) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const rssAfter = residentKibOf(options.pid);
      console.log(`server resident memory: ${(rssBefore / 1024).toFixed(1)} MiB before, ${(rssAfter / 1024).toFixed(1)}`
                  + ` MiB with the clients: ${((rssAfter - rssBefore) / options.clients).toFixed(2)} KiB per connection`);
    }
    if (failed > 0) {
      return 1;
    }
    const warmup = Math.round(options.rate[0] * options.warmup);
    if (warmup > 0) {
      await awaitDelivered(workers, await toggle(libraryId, warmup, options.rate[0]));
    }
    console.log("rate/s  updates  achieved/s  deliveries  deliveries/s  lost  dup   p50ms   p95ms   p99ms"
                + "   maxms  cpu-ms/1000  tool-cpu-ms/1000");
    let lostAny = false;
    for (const rate of options.rate) {
      lostAny = (await step(workers, libraryId, rate)) > 0 || lostAny;
    }
    return lostAny ? 1 : 0;
  } finally {
    workers.forEach((w) => w.close());
    await fetch(`${options.url}/api/library/${libraryId}`, { method: "DELETE" }).catch(() => {});
  }
}

main().then((code) => process.exit(code), (error) => {
  console.error(`fleet run failed: ${error.stack ?? error}`);
  process.exit(1);
});
