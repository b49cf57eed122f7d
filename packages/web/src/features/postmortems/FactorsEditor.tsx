import type { PostmortemDetail } from '@firebreak/shared';
import { ActionIcon, Autocomplete, Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useAddFactor, useDeleteFactor } from './postmortems.api.js';
import { COMMON_FACTORS } from './presentation.js';

/** Conditions that made the incident possible or worse, each with a category the repository filters by. */
export function FactorsEditor({ pm, editable }: { pm: PostmortemDetail; editable: boolean }) {
  const add = useAddFactor(pm.id);
  const remove = useDeleteFactor(pm.id);
  const [category, setCategory] = useState('');
  const [description, setDescription] = useState('');
  const errors = fieldErrors(add.error);

  const submit = () =>
    add.mutate(
      { category: category.trim().toLowerCase(), description },
      {
        onSuccess: () => {
          setCategory('');
          setDescription('');
        },
      },
    );

  return (
    <Stack gap="sm">
      {pm.contributingFactors.length === 0 ? (
        <Text size="sm" c="dimmed">
          No contributing factors yet.
        </Text>
      ) : (
        <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Factors">
          {pm.contributingFactors.map((f) => (
            <Group key={f.id} component="li" gap="xs" wrap="nowrap" align="flex-start">
              <Badge variant="light" color="grape" style={{ flexShrink: 0 }} mt={2}>
                {f.category}
              </Badge>
              <Text size="sm" style={{ flex: 1 }}>
                {f.description}
              </Text>
              {editable && (
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="sm"
                  aria-label={`Remove factor ${f.category}`}
                  onClick={() => remove.mutate(f.id)}
                >
                  <IconX size={14} />
                </ActionIcon>
              )}
            </Group>
          ))}
        </Stack>
      )}
      <ProblemAlert error={remove.error} />
      {editable && (
        <Stack gap="xs">
          <Group gap="xs" align="flex-start" wrap="wrap">
            <Autocomplete
              aria-label="Factor category"
              placeholder="Category, e.g. deployment"
              data={COMMON_FACTORS}
              value={category}
              onChange={setCategory}
              error={errors.category}
              w={200}
            />
            <TextInput
              aria-label="Factor description"
              placeholder="What the condition was"
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              error={errors.description}
              style={{ flex: 1, minWidth: 240 }}
            />
            <Button
              variant="default"
              loading={add.isPending}
              disabled={!category.trim() || !description.trim()}
              onClick={submit}
            >
              Add factor
            </Button>
          </Group>
          <ProblemAlert error={add.error} fields={['category', 'description']} />
        </Stack>
      )}
    </Stack>
  );
}
