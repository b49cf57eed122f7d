import type { PostmortemDetail } from '@firebreak/shared';
import { Button, Group, Modal, Stack, TagsInput, TextInput } from '@mantine/core';
import { useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { PersonSelect } from '../incidents/PersonSelect.js';
import { localInputToIso, toLocalInput } from '../incidents/presentation.js';
import { useUpdatePostmortem } from './postmortems.api.js';

/** Title, owner, review meeting and tags, saved with the postmortem's version. */
export function EditDetailsModal({ pm, onClose }: { pm: PostmortemDetail; onClose: () => void }) {
  const update = useUpdatePostmortem(pm.id);
  const [title, setTitle] = useState(pm.title);
  const [ownerId, setOwnerId] = useState<string | null>(pm.owner?.id ?? null);
  const [meeting, setMeeting] = useState(pm.reviewMeetingAt ? toLocalInput(Date.parse(pm.reviewMeetingAt)) : '');
  const [tags, setTags] = useState(pm.tags);
  const errors = fieldErrors(update.error);

  const submit = () =>
    update.mutate(
      {
        version: pm.version,
        title,
        ownerId,
        reviewMeetingAt: localInputToIso(meeting) ?? null,
        tags: tags.map((t) => t.trim().toLowerCase()).filter(Boolean),
      },
      { onSuccess: onClose },
    );

  return (
    <Modal opened onClose={onClose} title="Postmortem details" centered>
      <Stack
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <TextInput label="Title" value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} />
        <PersonSelect
          label="Owner"
          description="Drives it to publication and gets the reminders"
          value={ownerId}
          onChange={setOwnerId}
          clearable
        />
        <TextInput
          type="datetime-local"
          label="Review meeting"
          description="When the team discusses it"
          value={meeting}
          onChange={(e) => setMeeting(e.currentTarget.value)}
        />
        <TagsInput
          label="Tags"
          description="For finding it later, e.g. database, certificates"
          value={tags}
          onChange={setTags}
          maxTags={20}
          error={errors.tags}
        />
        <ProblemAlert error={update.error} fields={['title', 'tags']} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save details
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
