// Model file digests (kept apart from the graph builder so loading a model never pulls in onnx-proto).
import { createHash } from 'node:crypto';

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
