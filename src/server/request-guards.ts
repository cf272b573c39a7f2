/**
 * Who may use the API. Two checks, both before any route runs, so every route (the upstream
 * proxy, receivers, stores) gets them:
 *
 * - Host (DNS rebinding): the Host header must be a loopback name, an IP address (a rebinding
 *   page can only send its own domain name) or a name listed in the config, whatever address the
 *   server binds to.
 * - Cross-site requests: a page on another site can make the browser send requests to the API
 *   (blind, but each one spends the user's upstream quota and credentials). Refused when the
 *   browser says so (`Sec-Fetch-Site` other than same-origin or none), or when an `Origin` header
 *   names anything but this very server.
 */
import type http from 'node:http';
import { isIP } from 'node:net';
import { mutationHeader, type ApiError } from '../core/backends/api-types.ts';
import { apiError } from './api-errors.ts';

/** The Host header's name without its port, lower case; undefined when it cannot be parsed. */
function hostName(hostHeader: string): string | undefined {
  const host = hostHeader.trim().toLowerCase();
  const bracketed = /^(\[[0-9a-f:.]+\])(?::\d{1,5})?$/.exec(host);
  if (bracketed) return bracketed[1];
  const plain = /^([a-z0-9.-]+)(?::\d{1,5})?$/.exec(host);
  return plain?.[1]?.replace(/\.$/, '');
}

export function hostAllowed(hostHeader: string | undefined, allowed: readonly string[]): boolean {
  if (hostHeader === undefined) return false;
  const name = hostName(hostHeader);
  if (name === undefined) return false;
  if (allowed.includes(name)) return true;
  return isIP(name.startsWith('[') ? name.slice(1, -1) : name) !== 0;
}

export const hostRefused = (): ApiError =>
  apiError(
    'host-not-allowed',
    'This Host name is not allowed to use the API (protection against DNS rebinding).',
    'Open the viewer through localhost or an IP address, or allow the name: --allowed-hosts <name>, JTV_ALLOWED_HOSTS, or "allowedHosts" in the config file.',
  );

/** A refusal when the request comes from a page on another site; undefined when it may proceed. */
export function crossSiteRefusal(req: http.IncomingMessage): ApiError | undefined {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    return apiError('cross-origin', `The API answers only the viewer's own pages; this request came from another site (Sec-Fetch-Site: ${String(site).slice(0, 20)}).`, 'Open the viewer itself and use it from there.');
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  let originHost: string | undefined;
  try {
    const url = new URL(origin);
    originHost = url.protocol === 'http:' || url.protocol === 'https:' ? url.host : undefined;
  } catch {
    originHost = undefined;
  }
  if (originHost === undefined || originHost !== (req.headers.host ?? '').trim().toLowerCase())
    return apiError('cross-origin', `The API answers only the viewer's own pages; this request came from ${origin === 'null' ? 'an opaque origin' : `the page origin ${origin.slice(0, 100)}`}.`, 'Open the viewer itself and use it from there.');
  return undefined;
}

/**
 * Mutating requests (POST, DELETE to the local store) must also carry `X-Requested-With:
 * junjo-trace-viewer`: a header a cross-site form cannot set, and a cross-origin script cannot send
 * without a CORS preflight the API never grants. (Cross-site and foreign-Origin requests are already
 * refused for every API request by `crossSiteRefusal`.)
 */
export function mutationRefusal(req: http.IncomingMessage): ApiError | undefined {
  if (req.headers[mutationHeader.name.toLowerCase()] === mutationHeader.value) return undefined;
  return apiError('forbidden', `This request lacks the header ${mutationHeader.name}: ${mutationHeader.value}.`, 'Changes to the local store are made from the viewer itself.');
}
