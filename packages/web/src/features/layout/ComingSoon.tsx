import { Stack, Text, Title } from '@mantine/core';

/** An honest placeholder for a part of the product that does not exist yet. */
export function ComingSoon({ title, module }: { title: string; module: string }) {
  return (
    <Stack gap="xs">
      <Title order={1} size="h2">
        {title}
      </Title>
      <Text c="dimmed">Coming with the {module} module.</Text>
    </Stack>
  );
}
