import { Table, Text } from "@mantine/core";

/** What a list says when it has nothing to show (the card view on phones). */
export function EmptyListText({ children }: { children: string }) {
  return (
    <Text c="dimmed" ta="center" py="md">
      {children}
    </Text>
  );
}

/** The same, as the one row of an empty table. */
export function EmptyTableRow({ colSpan, children }: { colSpan: number; children: string }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={colSpan}>
        <EmptyListText>{children}</EmptyListText>
      </Table.Td>
    </Table.Tr>
  );
}
