import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';

/** Every IANA zone the browser knows, plus UTC and the current value, so a saved zone never vanishes. */
function zonesWith(value: string | null | undefined): string[] {
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  zones.add('UTC');
  if (value) zones.add(value);
  return [...zones].sort();
}

export function TimeZoneSelect(props: Omit<SelectProps, 'data'>) {
  const data = useMemo(() => zonesWith(props.value), [props.value]);
  return <Select label="Time zone" searchable allowDeselect={false} limit={100} {...props} data={data} />;
}

/** The zone this browser is in, a good default for a new person. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
