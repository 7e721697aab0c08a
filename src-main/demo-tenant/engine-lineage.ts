/**
 * Qlik's own lineage in its two wire forms (protocol doc §4): engine GetLineage (`qDiscriminator`,
 * `qStatement` omitted when empty) and REST data/lineage (bare array, `statement: ""` kept).
 */
import type { DemoAppContent, JsonObject } from './tenant-model';

export function engineLineage(content: DemoAppContent): JsonObject[] {
  return content.truth.engineLineage.map((l) => ({ qDiscriminator: l.discriminator, ...(l.statement ? { qStatement: l.statement } : {}) }));
}

export function dataMetadataLineage(content: DemoAppContent): JsonObject[] {
  return content.truth.engineLineage.map((l) => ({ discriminator: l.discriminator, statement: l.statement }));
}
