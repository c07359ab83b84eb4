/** Reading the JSON Schemas of the OpenAPI document for people: a type in words, the child fields. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  description?: string;
  additionalProperties?: JsonSchema | boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  default?: unknown;
  $ref?: string;
}

/** The schema without its `null` alternative, and whether null is allowed. */
export function unwrapNullable(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  const options = schema.anyOf ?? schema.oneOf;
  if (options) {
    const rest = options.filter((option) => option.type !== 'null');
    if (rest.length === 1 && rest.length < options.length) return { schema: rest[0]!, nullable: true };
  }
  return { schema, nullable: false };
}

/** `string (date-time)`, `integer 1–500`, `one of: open, paid`, `array of object`… */
export function typeLabel(schema: JsonSchema): string {
  if (schema.$ref) return schema.$ref.split('/').pop() ?? 'object';
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return `one of: ${schema.enum.map((value) => String(value)).join(', ')}`;
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return options.map(typeLabel).join(' | ');
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'any');
  if (type === 'array') return `array of ${schema.items ? typeLabel(schema.items) : 'any'}`;
  const limits: string[] = [];
  if (schema.format) limits.push(schema.format);
  if (schema.minimum !== undefined || schema.maximum !== undefined)
    limits.push(`${schema.minimum ?? ''}–${schema.maximum ?? ''}`);
  if (schema.maxLength !== undefined) limits.push(`≤ ${schema.maxLength} chars`);
  return limits.length > 0 ? `${type} (${limits.join(', ')})` : type;
}

/** The fields inside: an object's properties, or those of an array's items. */
export function fieldsOf(schema: JsonSchema): { name: string; schema: JsonSchema; required: boolean }[] {
  const inner = unwrapNullable(schema).schema;
  const target = inner.type === 'array' && inner.items ? unwrapNullable(inner.items).schema : inner;
  const required = new Set(target.required ?? []);
  return Object.entries(target.properties ?? {}).map(([name, child]) => ({
    name,
    schema: child,
    required: required.has(name),
  }));
}
