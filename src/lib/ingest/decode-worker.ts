/**
 * Browser Web Worker that decodes Parquet and XLSX files off the page's main thread (created by
 * decode-in-worker.ts). Each message is a DecodeRequest; each answer a DecodeReply.
 */
import { answerDecodeRequest, type DecodeReply, type DecodeRequest } from './decode';

interface WorkerScope {
  onmessage: ((ev: MessageEvent<DecodeRequest>) => void) | null;
  postMessage(message: DecodeReply): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (ev) => {
  void answerDecodeRequest(ev.data).then((reply) => scope.postMessage(reply));
};
