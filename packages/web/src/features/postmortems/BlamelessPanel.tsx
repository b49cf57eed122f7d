import type { BlamelessSuggestion } from '@firebreak/shared';
import { Alert, List, Mark, Stack, Text } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';

/** The sentence with the words that assign blame marked. */
function Sentence({ s }: { s: BlamelessSuggestion }) {
  const at = s.sentence.toLowerCase().indexOf(s.phrase.toLowerCase());
  if (at < 0) return <>{s.sentence}</>;
  return (
    <>
      {s.sentence.slice(0, at)}
      <Mark color="orange">{s.sentence.slice(at, at + s.phrase.length)}</Mark>
      {s.sentence.slice(at + s.phrase.length)}
    </>
  );
}

/**
 * Suggestions beside the text: each sentence that pins a failure on a named person, with the
 * systems-focused question to ask instead. Saving is never held back by them.
 */
export function BlamelessPanel({ suggestions }: { suggestions: BlamelessSuggestion[] }) {
  if (suggestions.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        Blameless check: nothing to suggest. Describe what made each action reasonable at the time.
      </Text>
    );
  }
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconBulb size={18} />}
      title="Blameless check"
      aria-label="Blameless suggestions"
      data-testid="blameless"
    >
      <Stack gap="xs">
        <Text size="xs">These sentences put the cause on a person. Consider asking instead:</Text>
        <List size="xs" spacing="xs">
          {suggestions.map((s) => (
            <List.Item key={`${s.start}-${s.end}`}>
              <Text size="xs" fs="italic">
                “<Sentence s={s} />”
              </Text>
              <Text size="xs" fw={600}>
                {s.question}
              </Text>
            </List.Item>
          ))}
        </List>
        <Text size="xs" c="dimmed">
          Only a suggestion: your text is saved either way.
        </Text>
      </Stack>
    </Alert>
  );
}
