/**
 * zod schemas for every Qlik Cloud REST response the crawler reads (qlik-protocol.md §2.3).
 * Tolerant by design: optional fields of an unexpected type become null/defaults (`.catch`),
 * only the identity of a thing (id) is required, unknown keys are ignored.
 */
import { z } from 'zod';

const str = z.string().nullish().catch(null);
const num = z.number().nullish().catch(null);
const bool = z.boolean().nullish().catch(null);
const strArray = z.array(z.string()).nullish().catch(null);
const record = z.record(z.string(), z.unknown()).nullish().catch(null);

export const userSchema = z.object({
  id: z.string(),
  tenantId: str,
  name: str,
  email: str,
  subject: str,
});
export type RestUser = z.infer<typeof userSchema>;

export const spaceSchema = z.object({
  id: z.string(),
  name: z.string().catch(''),
  type: str,
  description: str,
  ownerId: str,
  createdAt: str,
  updatedAt: str,
});
export type RestSpace = z.infer<typeof spaceSchema>;

export const itemSchema = z.object({
  id: z.string(),
  name: z.string().catch(''),
  description: str,
  resourceType: str,
  resourceId: z.string(),
  resourceCreatedAt: str,
  resourceUpdatedAt: str,
  resourceReloadEndTime: str,
  resourceSize: z.object({ appFile: num, appMemory: num }).nullish().catch(null),
  resourceAttributes: record,
  spaceId: str,
  ownerId: str,
  createdAt: str,
  updatedAt: str,
  thumbnailId: str,
  collectionIds: strArray,
  meta: z
    .object({
      tags: z
        .array(z.object({ name: z.string().catch('') }))
        .nullish()
        .catch(null),
    })
    .nullish()
    .catch(null),
});
export type RestItem = z.infer<typeof itemSchema>;

export const appDetailSchema = z.object({
  attributes: record,
  privileges: strArray,
});
export type RestAppDetail = z.infer<typeof appDetailSchema>;

export const collectionSchema = z.object({
  id: z.string(),
  name: z.string().catch(''),
  description: str,
  type: str,
  itemCount: num,
  createdAt: str,
  updatedAt: str,
});
export type RestCollection = z.infer<typeof collectionSchema>;

export const collectionItemSchema = z.object({
  id: z.string(),
  resourceType: str,
  resourceId: str,
});

export const dataConnectionSchema = z.object({
  id: str,
  qID: str,
  qName: str,
  name: str,
  qType: str,
  type: str,
  qConnectStatement: str,
  connectionString: str,
  space: str,
  spaceId: str,
  created: str,
  updated: str,
  createdAt: str,
  updatedAt: str,
});
export type RestDataConnection = z.infer<typeof dataConnectionSchema>;

const lastRunSchema = z.object({ id: str, status: str, startTime: str, stopTime: str, context: str }).nullish().catch(null);

export const automationSchema = z.object({
  id: z.string(),
  name: z.string().catch(''),
  description: str,
  state: str,
  runMode: str,
  lastRunStatus: str,
  lastRunAt: str,
  ownerId: str,
  spaceId: str,
  createdAt: str,
  updatedAt: str,
  lastRun: lastRunSchema,
});
export type RestAutomation = z.infer<typeof automationSchema>;

export const automationDetailSchema = z.object({
  id: z.string(),
  workspace: z.unknown().optional(),
  schedules: z
    .array(
      z.object({
        interval: z.union([z.number(), z.string()]).nullish().catch(null),
        recurrence: z
          .union([z.array(z.string()), z.string()])
          .nullish()
          .catch(null),
        startAt: str,
        timezone: str,
      }),
    )
    .nullish()
    .catch(null),
});
export type RestAutomationDetail = z.infer<typeof automationDetailSchema>;

export const automationRunSchema = z.object({
  id: z.string(),
  status: z.string().catch('unknown'),
  context: str,
  startTime: str,
  stopTime: str,
  scheduledStartTime: str,
  error: z.unknown().optional(),
});
export type RestAutomationRun = z.infer<typeof automationRunSchema>;

export const dataMetadataSchema = z.object({
  tables: z
    .array(
      z.object({
        name: z.string(),
        no_of_rows: num,
        no_of_fields: num,
        no_of_key_fields: num,
        byte_size: num,
        is_system: bool,
        is_loose: bool,
        comment: str,
      }),
    )
    .nullish()
    .catch(null),
  fields: z
    .array(
      z.object({
        name: z.string(),
        src_tables: strArray,
        cardinal: num,
        total_count: num,
        is_numeric: bool,
        tags: strArray,
      }),
    )
    .nullish()
    .catch(null),
});
export type RestDataMetadata = z.infer<typeof dataMetadataSchema>;
