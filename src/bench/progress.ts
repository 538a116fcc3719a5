// Progress on stderr: one line per cell that updates in place on a terminal, plain finished lines otherwise
// (CI logs and pipes should not fill with carriage returns).
import { formatSignificant } from "../format/numbers.ts";

export interface CellLabel {
  precision: string;
  batchSize: number;
  intraOpThreads: number;
  index: number;
  total: number;
}

export interface ProgressReporter {
  stage(message: string): void;
  cellStarted(cell: CellLabel): void;
  cellProgress(cell: CellLabel, iterations: number, relativeCi: number): void;
  cellFinished(cell: CellLabel, summary: { p50Ms: number; relativeCi: number; iterations: number; converged: boolean }): void;
  done(): void;
}

export const silentProgress: ProgressReporter = { stage() {}, cellStarted() {}, cellProgress() {}, cellFinished() {}, done() {} };

/** The slice of a stream the display needs (process.stderr, or a fake in tests). */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

const redrawIntervalMs = 100;

export function stderrProgress(stream: ProgressStream = process.stderr): ProgressReporter {
  const interactive = Boolean(stream.isTTY);
  let lastDrawMs = 0;
  const label = (cell: CellLabel) => `[${cell.index}/${cell.total}] ${cell.precision} batch ${cell.batchSize} threads ${cell.intraOpThreads}`;
  return {
    stage(message) {
      stream.write(`${message}\n`);
    },
    cellStarted(cell) {
      if (interactive) stream.write(`\r\x1b[2K${label(cell)}: measuring...`);
    },
    cellProgress(cell, iterations, relativeCi) {
      const ci = Number.isFinite(relativeCi) ? `±${(relativeCi * 100).toFixed(1)}%` : "±?";
      const nowMs = Date.now();
      if (!interactive || nowMs - lastDrawMs < redrawIntervalMs) return;
      lastDrawMs = nowMs;
      stream.write(`\r\x1b[2K${label(cell)}: ${iterations} runs, median ${ci}`);
    },
    cellFinished(cell, summary) {
      const ci = `±${(summary.relativeCi * 100).toFixed(1)}%`;
      const text = `${label(cell)}: p50 ${formatSignificant(summary.p50Ms)} ms ${ci} over ${summary.iterations} runs${summary.converged ? "" : " (budget ended first)"}`;
      stream.write(interactive ? `\r\x1b[2K${text}\n` : `${text}\n`);
    },
    done() {},
  };
}
