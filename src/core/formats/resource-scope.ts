/**
 * Resource and Scope objects are shared between the spans of one group (the model's contract).
 * Formats that carry them per span (Junjo rows, console output, Jaeger processes) intern them
 * through a cache keyed by content, so equal resources are one object.
 */
import type { Attribute } from '../model/attributes.ts';
import { formatAttrValue } from '../model/attributes.ts';
import type { Resource, Scope } from '../model/span.ts';
import { serviceNameOf } from '../model/span.ts';
import { noAttributes } from './any-value.ts';

export function makeResource(attributes: readonly Attribute[]): Resource {
  return { attributes, serviceName: serviceNameOf(attributes) };
}

export const unknownResource: Resource = makeResource(noAttributes);
export const emptyScope: Scope = { name: '', version: '', attributes: noAttributes };

const keyOf = (attributes: readonly Attribute[]): string =>
  attributes.map((a) => `${a.key}\u0000${a.value.type}\u0000${formatAttrValue(a.value)}`).join('\u0001');

/** Interns resources and scopes by content. */
export class GroupCache {
  private readonly resources = new Map<string, Resource>();
  private readonly scopes = new Map<string, Scope>();

  resource(attributes: readonly Attribute[]): Resource {
    if (attributes.length === 0) return unknownResource;
    const key = keyOf(attributes);
    let resource = this.resources.get(key);
    if (!resource) this.resources.set(key, (resource = makeResource(attributes)));
    return resource;
  }

  scope(name: string, version: string, attributes: readonly Attribute[] = noAttributes): Scope {
    if (name === '' && version === '' && attributes.length === 0) return emptyScope;
    const key = `${name}\u0000${version}\u0000${keyOf(attributes)}`;
    let scope = this.scopes.get(key);
    if (!scope) this.scopes.set(key, (scope = { name, version, attributes }));
    return scope;
  }
}
