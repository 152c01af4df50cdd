import type { GatewayErrorCode } from './error-codes.js';

export interface FieldError {
  field: string;
  message: string;
}

export interface UpstreamErrorInfo {
  class: string;
  method: string;
  error: string;
}

/** An RFC 9457 problem document as the gateway answers it (API.md §4). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: GatewayErrorCode;
  requestId: string;
  errors?: FieldError[];
  upstream?: UpstreamErrorInfo;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(code: GatewayErrorCode): string {
  return `urn:afilnet-gateway:problem:${code.toLowerCase().replaceAll('_', '-')}`;
}
