import type { DeclareIncidentInput, PostStatusUpdateInput } from '@firebreak/shared';
import { toIso } from '../../core/clock.js';

// Slack modals (views.open) and reading their submissions (view_submission) back into the
// incidents commands' inputs. Block ids name the fields, so a refused field is shown in place.

export const VIEW = { declare: 'firebreak_declare', update: 'firebreak_status_update' } as const;

const text = (t: string) => ({ type: 'plain_text', text: t.slice(0, 75) });

const input = (blockId: string, label: string, element: Record<string, unknown>, optional = false, hint?: string) => ({
  type: 'input',
  block_id: blockId,
  label: text(label),
  optional,
  element: { action_id: 'value', ...element },
  ...(hint ? { hint: { type: 'plain_text', text: hint.slice(0, 150) } } : {}),
});

export function declareModal(
  severities: { key: string; name: string; description: string }[],
  services: { id: string; name: string }[],
) {
  return {
    type: 'modal',
    callback_id: VIEW.declare,
    title: text('Declare an incident'),
    submit: text('Declare'),
    close: text('Cancel'),
    blocks: [
      input('title', 'Title', {
        type: 'plain_text_input',
        max_length: 200,
        placeholder: text('What is wrong, in a few words'),
      }),
      input('severity', 'Severity', {
        type: 'static_select',
        options: severities.map((s) => ({
          text: text(s.name),
          value: s.key,
          description: text(s.description || s.name),
        })),
      }),
      input(
        'summary',
        'Summary',
        { type: 'plain_text_input', multiline: true, max_length: 3000 },
        true,
        'What we know so far',
      ),
      ...(services.length
        ? [
            input(
              'services',
              'Affected services',
              { type: 'multi_static_select', options: services.map((s) => ({ text: text(s.name), value: s.id })) },
              true,
            ),
          ]
        : []),
      input(
        'private',
        'Visibility',
        {
          type: 'checkboxes',
          options: [{ text: text('Private: only participants and admins see it'), value: 'private' }],
        },
        true,
      ),
    ],
  };
}

const NEXT_UPDATE_MINUTES = [15, 30, 60, 120, 240];

/** The status update template: time (now), current status, impact, next update. */
export function statusUpdateModal(
  incident: { id: string; number: string; impact: string },
  cadenceMinutes: number | null,
) {
  const initial = NEXT_UPDATE_MINUTES.includes(cadenceMinutes ?? -1) ? cadenceMinutes! : 30;
  const option = (m: number) => ({
    text: text(m < 60 ? `In ${m} minutes` : `In ${m / 60} hour${m > 60 ? 's' : ''}`),
    value: String(m),
  });
  return {
    type: 'modal',
    callback_id: VIEW.update,
    private_metadata: incident.id,
    title: text(`Update ${incident.number}`),
    submit: text('Post update'),
    close: text('Cancel'),
    blocks: [
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: 'Template: *time* (now) · *current status* · *impact* · *next update*' }],
      },
      input(
        'current_status',
        'Current status',
        { type: 'plain_text_input', multiline: true, max_length: 3000 },
        false,
        'What is happening now, e.g. "Root cause identified; rolling back"',
      ),
      input(
        'impact',
        'Impact',
        {
          type: 'plain_text_input',
          multiline: true,
          max_length: 3000,
          ...(incident.impact ? { initial_value: incident.impact } : {}),
        },
        true,
        'Who and what is affected',
      ),
      input('next_update', 'Next update', {
        type: 'static_select',
        options: NEXT_UPDATE_MINUTES.map(option),
        initial_option: option(initial),
      }),
      input('audience', 'Audience', {
        type: 'radio_buttons',
        options: [
          { text: text('Stakeholders (inside the company)'), value: 'stakeholders' },
          { text: text('Public (customers)'), value: 'public' },
        ],
        initial_option: { text: text('Stakeholders (inside the company)'), value: 'stakeholders' },
      }),
    ],
  };
}

type StateValue = {
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
};
export type ViewState = Record<string, Record<string, StateValue>>;

const field = (state: ViewState, block: string) => state[block]?.value;

export function readDeclare(state: ViewState): DeclareIncidentInput {
  return {
    title: field(state, 'title')?.value ?? '',
    severity: field(state, 'severity')?.selected_option?.value ?? '',
    summary: field(state, 'summary')?.value ?? '',
    serviceIds: field(state, 'services')?.selected_options?.map((o) => o.value) ?? [],
    private: (field(state, 'private')?.selected_options ?? []).some((o) => o.value === 'private'),
  };
}

export function readStatusUpdate(state: ViewState, now: number): PostStatusUpdateInput {
  const minutes = Number(field(state, 'next_update')?.selected_option?.value ?? 30);
  const impact = field(state, 'impact')?.value?.trim();
  return {
    audience: field(state, 'audience')?.selected_option?.value === 'public' ? 'public' : 'stakeholders',
    currentStatus: field(state, 'current_status')?.value ?? '',
    ...(impact ? { impact } : {}),
    nextUpdateAt: toIso(now + minutes * 60_000),
  };
}
