/**
 * Cross-site request forgery guard for the API's mutating requests (POST, DELETE): they must
 * carry `X-Requested-With: junjo-trace-viewer` (a header a cross-site form cannot set, and a
 * cross-origin script cannot send without a CORS preflight the API never grants), must not be
 * marked cross-site by the browser, and, when they name an Origin, it must be this server's.
 */
import type http from 'node:http';
import { mutationHeader, type ApiError } from '../core/backends/api-types.ts';
import { apiError } from './api-errors.ts';

export function refuseForgery(req: http.IncomingMessage): ApiError | undefined {
  const forbidden = (message: string) => apiError('forbidden', message, 'Changes to the local store are made from the viewer itself.');
  if (req.headers[mutationHeader.name.toLowerCase()] !== mutationHeader.value)
    return forbidden(`This request lacks the header ${mutationHeader.name}: ${mutationHeader.value}.`);
  if (req.headers['sec-fetch-site'] === 'cross-site') return forbidden('A cross-site request may not change the local store.');
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let originHost: string;
    try {
      originHost = new URL(origin).host.toLowerCase();
    } catch {
      return forbidden('The request names an unreadable Origin.');
    }
    if (originHost !== (req.headers.host ?? '').toLowerCase()) return forbidden(`A request from ${origin.slice(0, 100)} may not change the local store.`);
  }
  return undefined;
}
