import type { ActionItem, ActionItemPriority, ActionItemStatus, UpdateActionItemInput } from '@firebreak/shared';
import { Anchor, Select, TextInput } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { useState } from 'react';
import { PersonSelect } from '../incidents/PersonSelect.js';
import { useUpdateActionItem } from './postmortems.api.js';
import {
  dateInputToIso,
  ITEM_STATUS_LABEL,
  optionsOf,
  PRIORITY_LABEL,
  TRACKER_LABEL,
  toDateInput,
} from './presentation.js';

// The inline controls of an action item, shared by the postmortem's table and the board. Each
// change is saved at once with the item's version; a stale one is refused and the list re-read.

type Patch = Omit<UpdateActionItemInput, 'version'>;

/** Saves one change to `item`; the mutation's error is for the caller to show. */
export function useItemPatch(item: ActionItem) {
  const update = useUpdateActionItem();
  return { update, patch: (change: Patch) => update.mutate({ id: item.id, version: item.version, ...change }) };
}

type FieldProps = { item: ActionItem; patch: (change: Patch) => void; disabled?: boolean };

export function StatusField({ item, patch, disabled }: FieldProps) {
  return (
    <Select
      size="xs"
      aria-label={`Status of ${item.title}`}
      data={optionsOf(ITEM_STATUS_LABEL)}
      value={item.status}
      onChange={(status) => status && status !== item.status && patch({ status: status as ActionItemStatus })}
      allowDeselect={false}
      disabled={disabled}
      w={130}
    />
  );
}

export function PriorityField({ item, patch, disabled }: FieldProps) {
  return (
    <Select
      size="xs"
      aria-label={`Priority of ${item.title}`}
      data={optionsOf(PRIORITY_LABEL)}
      value={item.priority}
      onChange={(p) => p && p !== item.priority && patch({ priority: p as ActionItemPriority })}
      allowDeselect={false}
      disabled={disabled}
      w={100}
    />
  );
}

export function OwnerField({ item, patch, disabled }: FieldProps) {
  return (
    <PersonSelect
      size="xs"
      aria-label={`Owner of ${item.title}`}
      placeholder="Nobody"
      value={item.owner?.id ?? null}
      onChange={(ownerId) => ownerId !== (item.owner?.id ?? null) && patch({ ownerId })}
      clearable
      disabled={disabled}
      w={170}
    />
  );
}

export function DueField({ item, patch, disabled }: FieldProps) {
  return (
    <TextInput
      size="xs"
      type="date"
      aria-label={`Due date of ${item.title}`}
      value={toDateInput(item.dueAt)}
      onChange={(e) => {
        const value = e.currentTarget.value;
        if (value !== toDateInput(item.dueAt)) patch({ dueAt: dateInputToIso(value) });
      }}
      error={item.overdue || undefined}
      disabled={disabled}
      w={140}
    />
  );
}

/** The link to the issue: shown as its key, edited in place; only Jira, Linear and GitHub links are taken. */
export function TrackerField({ item, patch, disabled }: FieldProps) {
  const [value, setValue] = useState(item.trackerUrl ?? '');
  const [seen, setSeen] = useState(item.trackerUrl);
  if (seen !== item.trackerUrl) {
    setSeen(item.trackerUrl);
    setValue(item.trackerUrl ?? '');
  }
  const commit = () => {
    const next = value.trim() || null;
    if (next !== item.trackerUrl) patch({ trackerUrl: next });
  };
  return (
    <TextInput
      size="xs"
      aria-label={`Tracker link of ${item.title}`}
      placeholder="https://…/browse/KEY-1"
      value={value}
      onChange={(e) => setValue(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
      disabled={disabled}
      rightSectionWidth={item.tracker ? 90 : undefined}
      rightSection={
        item.tracker && item.trackerUrl ? (
          <Anchor href={item.trackerUrl} target="_blank" rel="noopener noreferrer" size="xs" title="Open the issue">
            {TRACKER_LABEL[item.tracker.kind]} <IconExternalLink size={10} />
          </Anchor>
        ) : undefined
      }
      w={240}
    />
  );
}
