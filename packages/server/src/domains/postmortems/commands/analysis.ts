import { ContributingFactorInput, UpdateWhyChainInput, WhyChainInput } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { conflict, notFound } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { parse } from '../../incidents/commands/inputs.js';
import type { Viewer } from '../../incidents/incidents.policy.js';
import {
  deleteFactorRow,
  deleteWhyChainRow,
  getWhyChainRow,
  insertFactorRow,
  insertWhyChainRow,
  updateWhyChainIfCurrent,
} from '../postmortems.repo.js';
import { changePostmortem } from './change.js';

// Five whys (chains from the immediate cause down to a systemic one; a postmortem may have several)
// and contributing factors (categorised, so the repository can be filtered by them).

export async function addWhyChain(ctx: AppContext, by: Viewer, ref: string, input: WhyChainInput) {
  const data = parse(WhyChainInput, input);
  return changePostmortem(ctx, by, ref, 'edit postmortems', async (c) => {
    const id = newId();
    await insertWhyChainRow(c.trx, {
      id,
      postmortem_id: c.pm.id,
      problem: data.problem,
      steps: JSON.stringify(data.steps),
      version: 1,
      updated_by: by.userId,
      created_at: c.now,
      updated_at: c.now,
    });
    return id;
  });
}

/** Replaces a chain's problem and steps; a chain saved by someone else since `version` is a 409 with both. */
export async function updateWhyChain(
  ctx: AppContext,
  by: Viewer,
  ref: string,
  chainId: string,
  input: UpdateWhyChainInput,
) {
  const data = parse(UpdateWhyChainInput, input);
  return changePostmortem(ctx, by, ref, 'edit postmortems', async (c) => {
    const before = await getWhyChainRow(c.trx, c.pm.id, chainId);
    if (!before) throw notFound('why chain', chainId);
    const saved = await updateWhyChainIfCurrent(c.trx, chainId, data.version, {
      problem: data.problem,
      steps: JSON.stringify(data.steps),
      updated_by: by.userId,
      updated_at: c.now,
    });
    if (!saved) {
      const current = (await getWhyChainRow(c.trx, c.pm.id, chainId)) ?? before;
      throw conflict(
        'why_chain_conflict',
        'Someone saved this chain after you started editing; merge and save again.',
        {
          yours: { problem: data.problem, steps: data.steps, baseVersion: data.version },
          current: { problem: current.problem, steps: JSON.parse(current.steps), version: current.version },
        },
      );
    }
    return chainId;
  });
}

export async function deleteWhyChain(ctx: AppContext, by: Viewer, ref: string, chainId: string) {
  return changePostmortem(ctx, by, ref, 'edit postmortems', async (c) => {
    if (!(await getWhyChainRow(c.trx, c.pm.id, chainId))) throw notFound('why chain', chainId);
    await deleteWhyChainRow(c.trx, chainId);
  });
}

export async function addFactor(ctx: AppContext, by: Viewer, ref: string, input: ContributingFactorInput) {
  const data = parse(ContributingFactorInput, input);
  return changePostmortem(ctx, by, ref, 'edit postmortems', async (c) => {
    const id = newId();
    await insertFactorRow(c.trx, {
      id,
      postmortem_id: c.pm.id,
      category: data.category,
      description: data.description,
      created_by: by.userId,
      created_at: c.now,
    });
    return id;
  });
}

export async function deleteFactor(ctx: AppContext, by: Viewer, ref: string, factorId: string) {
  return changePostmortem(ctx, by, ref, 'edit postmortems', async (c) => {
    const result = await deleteFactorRow(c.trx, c.pm.id, factorId);
    if (Number(result.numDeletedRows) === 0) throw notFound('contributing factor', factorId);
  });
}
