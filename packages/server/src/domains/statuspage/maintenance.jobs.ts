import type { JobHandler } from '../../core/scheduler/jobs.model.js';
import {
  completeMaintenanceOnTime,
  type MaintenanceJobPayload,
  startMaintenanceOnTime,
} from './commands/maintenance.js';

/** Starts a maintenance at its scheduled time (idempotent: a started one is left alone). */
export const startMaintenance: JobHandler<MaintenanceJobPayload> = (job, ctx) =>
  startMaintenanceOnTime(ctx, job.payload.id);

/** Completes a maintenance at the end of its window (idempotent). */
export const completeMaintenance: JobHandler<MaintenanceJobPayload> = (job, ctx) =>
  completeMaintenanceOnTime(ctx, job.payload.id);
