import { Alert, List } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import { plainLanguageHints } from './presentation.js';

/** Advice, never a block: customers read this, so say what they saw, not how our systems work. */
export function PlainLanguageHint({ text }: { text: string }) {
  const hints = plainLanguageHints(text);
  if (hints.length === 0) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconBulb />}
      title="Plain-language hint"
      data-testid="plain-language-hint"
    >
      <List size="sm">
        {hints.map((h) => (
          <List.Item key={h}>{h}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
