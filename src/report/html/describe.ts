// Short human names for candidates and figures, shared by the headline, charts and tables (plain text: callers
// escape when they write HTML).
import type { Candidate, Plan } from "../../domain/plan.ts";
import { formatSignificant } from "../../format/numbers.ts";

const PROVIDER_NAMES: Record<Candidate["provider"], string> = { aws: "AWS", gcp: "Google Cloud", azure: "Azure" };

export function providerName(provider: Candidate["provider"]): string {
  return PROVIDER_NAMES[provider] ?? provider;
}

/** "AWS eu-north-1" */
export function regionLabel(candidate: Pick<Candidate, "provider" | "region">): string {
  return `${providerName(candidate.provider)} ${candidate.region}`;
}

/** "c7i.large · int8 · batch 16", with the accelerator where there is one. */
export function configurationLabel(candidate: Candidate): string {
  const accelerator = candidate.accelerator ? ` · ${candidate.accelerator.count}× ${candidate.accelerator.model}` : "";
  return `${candidate.instanceType}${accelerator} · ${candidate.precision} · batch ${candidate.batchSize}`;
}

/** "AWS eu-north-1 · c7i.large · int8 · batch 16" */
export function candidateLabel(candidate: Candidate): string {
  return `${regionLabel(candidate)} · ${configurationLabel(candidate)}`;
}

/** "lifecycle basis, 2024" or "lifecycle basis, 2022–2024". */
export function intensityBasisLabel(plan: Plan): string {
  const years = plan.intensity.yearOldest === plan.intensity.yearNewest ? `${plan.intensity.yearNewest}` : `${plan.intensity.yearOldest}–${plan.intensity.yearNewest}`;
  return `${plan.intensity.basis} basis, ${years}`;
}

export function formatIntensity(gCo2ePerKwh: number): string {
  return `${formatSignificant(gCo2ePerKwh)} gCO₂e/kWh`;
}
