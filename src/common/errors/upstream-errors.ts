// The one place an upstream failure becomes HTTP: a call the client waits on answers 504 when the
// upstream timed out and 502 otherwise, naming the upstream and passing on its own detail.
import type { UpstreamError } from '../../integrations/upstream-error';
import { ApiException } from './api.exception';

export function upstreamException(error: UpstreamError): ApiException {
  if (error.failure === 'timeout')
    return ApiException.gatewayTimeout(error.upstream, error.timeoutMs ?? 0);
  return ApiException.badGateway(error.upstream, error.message, {
    ...(error.status ? { upstream_status: error.status } : {}),
    ...(error.detail !== undefined ? { upstream_detail: error.detail } : {}),
  });
}
