/**
 * The OpenAPI document's response schemas as test tools: `documentedJsonSchemas` lists every 2xx
 * application/json response with its schema, `emptyOpenObjects` names the places of a schema that accept
 * any object (no properties, any additional property: what `z.looseObject({})` documents), and
 * `responseValidator` validates a body against the documented schema with Ajv (draft 2020-12), closed:
 * an object schema that lists its properties and says nothing of others accepts no others, so a field the
 * code adds without documenting it fails like a field it drops.
 */
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

type JsonSchema = { [key: string]: unknown };
export interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }> }>
  >;
  components: { schemas: Record<string, JsonSchema> };
}

/** Every 2xx application/json response: "<method> <path> <status>" and its schema (undefined when none). */
export function documentedJsonSchemas(
  doc: OpenApiDocument,
): { name: string; schema: JsonSchema | undefined }[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).flatMap(([method, op]) =>
      Object.entries(op.responses)
        .filter(([status, response]) => /^2\d\d$/.test(status) && response.content?.["application/json"])
        .map(([status, response]) => ({
          name: `${method} ${path} ${status}`,
          schema: response.content?.["application/json"]?.schema,
        })),
    ),
  );
}

const isObject = (v: unknown): v is JsonSchema => typeof v === "object" && v !== null && !Array.isArray(v);

/** True for a schema that accepts any object: no properties, and any (or unsaid) additional property. */
function acceptsAnyObject(node: JsonSchema): boolean {
  const typed = node.type === "object" || (node.type === undefined && node.properties !== undefined);
  const noProperties = !isObject(node.properties) || Object.keys(node.properties).length === 0;
  const extra = node.additionalProperties;
  const anyExtra =
    extra === undefined || extra === true || (isObject(extra) && Object.keys(extra).length === 0);
  const combined = ["anyOf", "oneOf", "allOf", "$ref", "propertyNames", "patternProperties"].some(
    (k) => k in node,
  );
  return typed && noProperties && anyExtra && !combined;
}

/** JSON pointers (from the root, through `$ref`s into components) of the nodes that accept any object. */
export function emptyOpenObjects(doc: OpenApiDocument, schema: JsonSchema): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const walk = (node: unknown, at: string): void => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) walk(item, `${at}/${i}`);
      return;
    }
    if (!isObject(node)) return;
    if (typeof node.$ref === "string") {
      const name = node.$ref.replace("#/components/schemas/", "");
      if (!seen.has(name)) {
        seen.add(name);
        walk(doc.components.schemas[name], `#/components/schemas/${name}`);
      }
    }
    if (acceptsAnyObject(node)) found.push(at);
    for (const [key, value] of Object.entries(node)) if (key !== "$ref") walk(value, `${at}/${key}`);
  };
  walk(schema, "#");
  return found;
}

/** A copy of `node` where an object schema listing properties and silent on others accepts no others. */
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (!isObject(node)) return node;
  const copy = Object.fromEntries(
    Object.entries(node).map(([k, v]) => [
      k,
      k === "properties" && isObject(v)
        ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, closed(s)]))
        : closed(v),
    ]),
  );
  if (isObject(node.properties) && node.additionalProperties === undefined) copy.additionalProperties = false;
  return copy;
}

/**
 * `validate(operation, body)`: the Ajv errors of `body` against the documented (closed) schema of
 * `operation` ("get /v1/rules 200").
 */
export function responseValidator(doc: OpenApiDocument) {
  const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
  const components = closed(doc.components) as JsonSchema;
  const schemas = new Map(documentedJsonSchemas(doc).map((r) => [r.name, r.schema]));
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  return (operation: string, body: unknown): unknown[] => {
    const schema = schemas.get(operation);
    if (!schema) return [`${operation} documents no application/json schema`];
    const validate =
      compiled.get(operation) ?? ajv.compile({ ...(closed(schema) as JsonSchema), components });
    compiled.set(operation, validate);
    return validate(body) ? [] : (validate.errors ?? []);
  };
}
