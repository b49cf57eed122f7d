import { Anchor, Code, Text, Typography } from '@mantine/core';
import type { ReactNode } from 'react';
import { type Block, type Inline, parseMarkdown } from './markdown.js';

function InlineNode({ node }: { node: Inline }): ReactNode {
  switch (node.kind) {
    case 'text':
      return node.text;
    case 'code':
      return <Code>{node.text}</Code>;
    case 'strong':
      return <strong>{inline(node.children)}</strong>;
    case 'em':
      return <em>{inline(node.children)}</em>;
    default:
      return (
        <Anchor href={node.href} target="_blank" rel="noopener noreferrer nofollow">
          {inline(node.children)}
        </Anchor>
      );
  }
}

// biome-ignore lint/suspicious/noArrayIndexKey: the tree is rebuilt from the text on every render
const inline = (nodes: Inline[]) => nodes.map((node, i) => <InlineNode key={i} node={node} />);

const HEADINGS = { 3: 'h3', 4: 'h4', 5: 'h5', 6: 'h6' } as const;

function block(b: Block, key: number): ReactNode {
  switch (b.kind) {
    case 'code':
      return (
        <Code key={key} block>
          {b.text}
        </Code>
      );
    case 'h': {
      const Tag = HEADINGS[b.level];
      return <Tag key={key}>{inline(b.content)}</Tag>;
    }
    case 'ul':
    case 'ol': {
      const List = b.kind;
      return (
        <List key={key}>
          {b.items.map((item, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: list items have no identity beyond their place
            <li key={i}>{inline(item)}</li>
          ))}
        </List>
      );
    }
    default:
      return <p key={key}>{inline(b.content)}</p>;
  }
}

/**
 * Markdown as the export shows it, built from React elements only: no HTML string is ever
 * injected, so a `<script>` in a postmortem is just text.
 */
export function Markdown({ text, empty = 'Nothing written yet.' }: { text: string; empty?: string }) {
  const blocks = parseMarkdown(text);
  if (blocks.length === 0) {
    return (
      <Text size="sm" c="dimmed" fs="italic">
        {empty}
      </Text>
    );
  }
  return (
    <Typography data-testid="markdown" fz="sm">
      {blocks.map(block)}
    </Typography>
  );
}
