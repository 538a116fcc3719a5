// NVIDIA board power sampled by nvidia-smi while the model runs (through WebGPU or CUDA), integrated over time.
import { spawn, type ChildProcess } from "node:child_process";
import type { EnergyMeter, EnergyWindow } from "./meter.ts";

export interface PowerSample {
  timestampMs: number;
  gpuIndex: number;
  powerWatts: number;
}

const samplingIntervalMs = 100;

/**
 * One line of `--query-gpu=timestamp,index,power.draw --format=csv,noheader,nounits`:
 * "2026/11/28 17:55:01.123, 0, 72.45". Lines with "[N/A]" or anything unexpected give null.
 */
export function parsePowerLine(line: string): PowerSample | null {
  const fields = line.split(",").map((field) => field.trim());
  if (fields.length < 3) return null;
  const match = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(fields[0]);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction = "0"] = match;
  const timestampMs =
    Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)) + Number(`0.${fraction}`) * 1000;
  const gpuIndex = Number(fields[1]);
  const powerWatts = Number(fields[2]);
  if (!Number.isInteger(gpuIndex) || !Number.isFinite(powerWatts) || fields[2] === "") return null;
  return { timestampMs, gpuIndex, powerWatts };
}

/** Trapezoidal integral of each GPU's power over its samples, summed over GPUs; null with fewer than 2 samples. */
export function integrateJoules(samples: PowerSample[]): number | null {
  const byGpu = new Map<number, PowerSample[]>();
  for (const sample of samples) byGpu.set(sample.gpuIndex, [...(byGpu.get(sample.gpuIndex) ?? []), sample]);
  let joules = 0;
  let integrated = false;
  for (const series of byGpu.values()) {
    series.sort((first, second) => first.timestampMs - second.timestampMs);
    for (let index = 1; index < series.length; index++) {
      const seconds = (series[index].timestampMs - series[index - 1].timestampMs) / 1000;
      joules += ((series[index].powerWatts + series[index - 1].powerWatts) / 2) * seconds;
      integrated = true;
    }
  }
  return integrated ? joules : null;
}

export type NvidiaSmiProbe = { meter: EnergyMeter; deviceName: string } | { meter: null; reason: string };

/** Present when `nvidia-smi` runs and lists a GPU. */
export async function probeNvidiaSmi(executable = "nvidia-smi"): Promise<NvidiaSmiProbe> {
  const result = await collect(executable, ["--query-gpu=name", "--format=csv,noheader"]);
  if (result.exitCode !== 0 || result.stdout.trim() === "") return { meter: null, reason: "nvidia-smi is not available" };
  const deviceName = result.stdout.trim().split("\n").map((line) => line.trim()).join(" + ");
  return { meter: nvidiaSmiMeter(executable, deviceName), deviceName };
}

function nvidiaSmiMeter(executable: string, deviceName: string): EnergyMeter {
  return {
    kind: "nvidia-smi",
    description: `nvidia-smi board power (${deviceName}) sampled every ${samplingIntervalMs} ms and integrated: the whole GPU board, idle draw included`,
    async start(): Promise<EnergyWindow> {
      const samples: PowerSample[] = [];
      const child = spawn(executable, ["--query-gpu=timestamp,index,power.draw", "--format=csv,noheader,nounits", `-lms`, String(samplingIntervalMs)], {
        stdio: ["ignore", "pipe", "ignore"],
      });
      let buffered = "";
      child.stdout?.setEncoding("utf8");
      child.stdout?.on("data", (chunk: string) => {
        buffered += chunk;
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        for (const line of lines) {
          const sample = parsePowerLine(line);
          if (sample) samples.push(sample);
        }
      });
      child.on("error", () => undefined);
      return {
        async stop() {
          await stopChild(child);
          const last = parsePowerLine(buffered);
          if (last) samples.push(last);
          return integrateJoules(samples);
        },
      };
    },
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("close", () => resolve());
    child.kill("SIGTERM");
  });
}

function collect(executable: string, args: string[]): Promise<{ exitCode: number; stdout: string }> {
  return new Promise((resolve) => {
    let stdout = "";
    const child = spawn(executable, args, { stdio: ["ignore", "pipe", "ignore"] });
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => (stdout += chunk));
    child.on("error", () => resolve({ exitCode: -1, stdout: "" }));
    child.on("close", (code) => resolve({ exitCode: code ?? -1, stdout }));
  });
}
