import { Button, type ButtonProps, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconFlame } from '@tabler/icons-react';
import { DeclareIncidentForm } from './DeclareIncidentForm.js';

/**
 * "Declare incident" and its dialog, for any page header (the incident list has one; the app header
 * may too). The form is mounted only while open, so every declaration starts blank.
 */
export function DeclareIncidentButton(props: ButtonProps) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button color="red" leftSection={<IconFlame size={16} />} onClick={open} {...props}>
        Declare incident
      </Button>
      <Modal opened={opened} onClose={close} title="Declare an incident" size="lg">
        {opened && <DeclareIncidentForm onCancel={close} onDone={close} />}
      </Modal>
    </>
  );
}
