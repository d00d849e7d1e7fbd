import type { SizeCell } from '../catalog/modelSpec';
import type { ResolvedRequest } from '../validation';

/**
 * Puts the catalog's data-driven fields into a request body: size templates and option values at their
 * dot paths. Both protocols use it, so a model of either protocol is described by data alone.
 */

export type JsonObject = Record<string, unknown>;

/**
 * Segments that reach an object's prototype instead of its own fields: `a.__proto__.b = 1` would set `b` on
 * Object.prototype for every extension in the host. Paths come from `dmxapi.customModels`, so they are refused.
 */
const PROTOTYPE_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The first segment of a dot path that would reach a prototype, if any. */
export function prototypeSegmentOf(path: string): string | undefined {
  return path.split('.').find((segment) => PROTOTYPE_SEGMENTS.has(segment));
}

/** Sets `value` at a dot path (`generationConfig.imageConfig.aspectRatio`), creating objects on the way. */
export function setByPath(target: JsonObject, path: string, value: unknown): void {
  const unsafe = prototypeSegmentOf(path);
  if (unsafe !== undefined) {
    throw new Error(`the field path "${path}" has a "${unsafe}" segment, which is not allowed`);
  }
  const keys = path.split('.');
  const last = keys.pop()!;
  let node = target;
  for (const key of keys) {
    const next = Object.hasOwn(node, key) ? node[key] : undefined;
    if (typeof next !== 'object' || next === null || Array.isArray(next)) {
      node[key] = {};
    }
    node = node[key] as JsonObject;
  }
  node[last] = value;
}

function sizeWire(size: SizeCell): string {
  // Catalog entries that use {size} carry a wire value; pixel sizes are the OpenAI spelling otherwise.
  return size.wire ?? `${size.width ?? 0}x${size.height ?? 0}`;
}

/** Replaces `{ratio}`, `{resolution}` and `{size}` with the wire values of the request. */
export function fillSizeTemplate(template: string, request: Pick<ResolvedRequest, 'ratio' | 'resolution' | 'size'>): string {
  return template.replace(/\{(ratio|resolution|size)\}/g, (_match, name: string) => {
    if (name === 'ratio') {
      return request.ratio.wire;
    }
    return name === 'resolution' ? request.resolution.wire : sizeWire(request.size);
  });
}

/** Size fields, then options; an option whose choice has no wire value is left out entirely. */
export function placeModelFields(body: JsonObject, request: ResolvedRequest): void {
  for (const [path, template] of Object.entries(request.model.sizeFields)) {
    setByPath(body, path, fillSizeTemplate(template, request));
  }
  for (const resolved of request.options) {
    if (resolved.wire !== undefined) {
      setByPath(body, resolved.option.field, resolved.wire);
    }
  }
}

/** Base URLs are often pasted with the version path (`…/v1`); the protocol paths add their own. */
export function apiRoot(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '').replace(/\/(v1|v1beta)$/, '');
}
