import { JOB } from './chat.model.js';
import { type CapturePayload, captureMessage } from './commands/capture-message.js';
import { chatJob } from './outbox.js';

export const captureJobs = {
  [JOB.capture]: chatJob<CapturePayload>(async (job, ctx) => captureMessage(ctx, job.payload)),
};
