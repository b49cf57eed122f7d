import { ThemeIcon } from '@mantine/core';
import { IconFlame } from '@tabler/icons-react';

export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <ThemeIcon size={size} radius="md" color="orange" variant="filled" aria-hidden>
      <IconFlame size={Math.round(size * 0.65)} stroke={2} />
    </ThemeIcon>
  );
}
