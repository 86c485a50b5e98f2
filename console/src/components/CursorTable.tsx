import { Alert, Empty, Table, type TableColumnsType } from 'antd';
import { LoadMore, type useCursorList } from './cursor-list';

type CursorList<T> = Pick<
  ReturnType<typeof useCursorList<T>>,
  'items' | 'loading' | 'error' | 'hasMore' | 'loadMore' | 'loadingMore'
>;

interface CursorTableProps<T> {
  list: CursorList<T>;
  columns: TableColumnsType<T>;
  /** What an empty list says. */
  emptyText: string;
  testId: string;
}

/** A list from useCursorList as a table: its error above, "load more" below, rows keyed by id. */
export function CursorTable<T extends { id: string }>({ list, columns, emptyText, testId }: CursorTableProps<T>) {
  return (
    <>
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 16 }} />}
      <Table<T>
        rowKey="id"
        columns={columns}
        dataSource={list.items}
        loading={list.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
        data-testid={testId}
      />
      <LoadMore list={list} />
    </>
  );
}
