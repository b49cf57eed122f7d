import { JOB } from './chat.model.js';
import { type CapturePayload, captureMessage } from './commands/capture-message.js';
import { releaseCapture } from './commands/release-capture.js';
import { chatJob } from './outbox.js';

export const captureJobs = {
  [JOB.capture]: chatJob<CapturePayload>(async (job, ctx) => captureMessage(ctx, job.payload)),
  [JOB.release]: chatJob<CapturePayload>(async (job, ctx) => releaseCapture(ctx, job.payload)),
};
