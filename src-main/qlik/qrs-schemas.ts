/**
 * Tolerant zod schemas of the QRS entities a crawl reads (qlik-protocol.md §3.2, Repository
 * OpenAPI 38.22). Only the fields used are declared; everything else passes through unread.
 */
import { z } from 'zod';

const nullableString = z.string().nullish();

export const qrsOwnerSchema = z
  .object({ id: z.string(), userId: nullableString, userDirectory: nullableString, name: nullableString })
  .nullish();

const qrsTagSchema = z.object({ name: z.string() });
const qrsCustomPropertySchema = z.object({ value: z.string().nullish(), definition: z.object({ name: z.string() }).nullish() });

export const qrsAboutSchema = z.object({ buildVersion: nullableString, nodeType: z.number().nullish() }).loose();

export const qrsStreamSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdDate: nullableString,
  modifiedDate: nullableString,
  owner: qrsOwnerSchema,
});

export const qrsAppSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: nullableString,
  createdDate: nullableString,
  modifiedDate: nullableString,
  lastReloadTime: nullableString,
  publishTime: nullableString,
  published: z.boolean().nullish(),
  fileSize: z.number().nullish(),
  thumbnail: nullableString,
  owner: qrsOwnerSchema,
  stream: z.object({ id: z.string(), name: nullableString }).nullish(),
  tags: z.array(qrsTagSchema).nullish(),
  customProperties: z.array(qrsCustomPropertySchema).nullish(),
});

export const qrsAppObjectSchema = z.object({
  id: z.string(),
  name: nullableString,
  owner: qrsOwnerSchema,
  engineObjectId: nullableString,
  objectType: nullableString,
  published: z.boolean().nullish(),
  approved: z.boolean().nullish(),
  app: z.object({ id: z.string() }).nullish(),
});

export const qrsDataConnectionSchema = z.object({
  id: z.string(),
  name: z.string(),
  connectionstring: nullableString,
  type: nullableString,
  createdDate: nullableString,
  modifiedDate: nullableString,
});

export const qrsReloadTaskSchema = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean().nullish(),
  createdDate: nullableString,
  modifiedDate: nullableString,
  app: z.object({ id: z.string(), name: nullableString }).nullish(),
  operational: z
    .object({
      lastExecutionResult: z
        .object({
          id: nullableString,
          status: z.number().nullish(),
          startTime: nullableString,
          stopTime: nullableString,
          details: z.array(z.object({ message: nullableString, detailsType: z.number().nullish() })).nullish(),
        })
        .nullish(),
      nextExecution: nullableString,
    })
    .nullish(),
});

export const qrsSchemaEventSchema = z.object({
  id: z.string(),
  name: nullableString,
  enabled: z.boolean().nullish(),
  reloadTask: z.object({ id: z.string() }).nullish(),
  startDate: nullableString,
  timeZone: nullableString,
  incrementOption: z.number().nullish(),
  incrementDescription: nullableString,
  schemaFilterDescription: z.array(z.string()).nullish(),
});

export const qrsCompositeEventSchema = z.object({
  id: z.string(),
  name: nullableString,
  enabled: z.boolean().nullish(),
  reloadTask: z.object({ id: z.string() }).nullish(),
  compositeRules: z.array(z.object({ ruleState: z.number().nullish(), reloadTask: z.object({ id: z.string() }).nullish() })).nullish(),
});

export type QrsStream = z.infer<typeof qrsStreamSchema>;
export type QrsApp = z.infer<typeof qrsAppSchema>;
export type QrsAppObject = z.infer<typeof qrsAppObjectSchema>;
export type QrsDataConnection = z.infer<typeof qrsDataConnectionSchema>;
export type QrsReloadTask = z.infer<typeof qrsReloadTaskSchema>;
export type QrsSchemaEvent = z.infer<typeof qrsSchemaEventSchema>;
export type QrsCompositeEvent = z.infer<typeof qrsCompositeEventSchema>;
