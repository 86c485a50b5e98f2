import { QrcodeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Modal, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMore, useCursorList } from '../../components/cursor-list';
import { ScrollRegion } from '../../components/ScrollRegion';
import { formatDateTime } from '../../time/time';
import { useTimezone } from '../../time/timezone-store';
import { ROOM_STATUSES, roomsPath, type GroupRoom, type RoomMember, type RoomStatus } from './group-buy';
import { RoomQrCode } from './RoomQrCode';

/** Rooms fill while shoppers share and pay: the list re-reads itself as often as the campaign's figures. */
const ROOMS_REFRESH_MS = 3000;

const ROOM_COLORS: Record<RoomStatus, string> = {
  pending: 'gold',
  open: 'blue',
  completed: 'green',
  failed: 'red',
  cancelled: 'default',
};

/** The rooms of a group-buy, newest first, live: status, seats, deadline, members and each room's QR code. */
export function GroupRooms({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation('groupBuys');
  const zone = useTimezone();
  const [status, setStatus] = useState<RoomStatus | undefined>();
  const [shown, setShown] = useState<GroupRoom | null>(null);
  const list = useCursorList<GroupRoom>(roomsPath(campaignId), {
    params: { status },
    refetchInterval: ROOMS_REFRESH_MS,
  });

  const columns: TableColumnsType<GroupRoom> = [
    { key: 'createdAt', title: t('rooms.createdAt'), render: (_, room) => formatDateTime(room.createdAt, zone) },
    {
      key: 'status',
      title: t('rooms.status'),
      render: (_, room) => <Tag color={ROOM_COLORS[room.status]}>{t(`roomStatus.${room.status}`)}</Tag>,
    },
    {
      key: 'seats',
      title: t('rooms.seats'),
      render: (_, room) =>
        t('rooms.seatsValue', { paid: room.seatsPaid, taken: room.seatsTaken, size: room.groupSize }) +
        (room.virtualSeats > 0 ? ` ${t('rooms.virtualSeats', { count: room.virtualSeats })}` : ''),
    },
    {
      key: 'leader',
      title: t('rooms.leader'),
      render: (_, room) => room.members.find((member) => member.role === 'leader')?.display ?? '',
    },
    { key: 'expiresAt', title: t('rooms.expiresAt'), render: (_, room) => formatDateTime(room.expiresAt, zone) },
    {
      key: 'qrcode',
      title: t('rooms.qrCode'),
      render: (_, room) => (
        <Button
          icon={<QrcodeOutlined />}
          aria-label={t('rooms.showQrCode', { when: formatDateTime(room.createdAt, zone) })}
          onClick={() => setShown(room)}
        />
      ),
    },
  ];

  return (
    <Card
      title={t('rooms.title')}
      extra={
        <Select<RoomStatus | undefined>
          aria-label={t('rooms.statusFilter')}
          placeholder={t('rooms.allStatuses')}
          allowClear
          value={status}
          onChange={setStatus}
          style={{ width: 140 }}
          options={ROOM_STATUSES.map((value) => ({ value, label: t(`roomStatus.${value}`) }))}
        />
      }
    >
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 16 }} />}
      <ScrollRegion label={t('rooms.title')}>
        <Table<GroupRoom>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          pagination={false}
          locale={{ emptyText: t('rooms.empty') }}
          expandable={{
            columnTitle: t('rooms.members'),
            expandedRowRender: (room) => <RoomMembers members={room.members} />,
          }}
          data-testid="group-rooms"
        />
      </ScrollRegion>
      <LoadMore list={list} />
      <Modal
        open={shown !== null}
        title={t('rooms.qrTitle')}
        footer={null}
        onCancel={() => setShown(null)}
        destroyOnHidden
      >
        {shown && <RoomQrCode campaignId={campaignId} room={shown} />}
      </Modal>
    </Card>
  );
}

function RoomMembers({ members }: { members: RoomMember[] }) {
  const { t } = useTranslation('groupBuys');
  const zone = useTimezone();
  const columns: TableColumnsType<RoomMember> = [
    { key: 'display', title: t('members.shopper'), render: (_, member) => member.display },
    { key: 'role', title: t('members.role'), render: (_, member) => t(`memberRole.${member.role}`) },
    { key: 'status', title: t('members.status'), render: (_, member) => t(`memberStatus.${member.status}`) },
    { key: 'joinedAt', title: t('members.joinedAt'), render: (_, member) => formatDateTime(member.joinedAt, zone) },
    {
      key: 'order',
      title: t('members.order'),
      render: (_, member) => <Link to={`/orders/${encodeURIComponent(member.orderId)}`}>{t('members.openOrder')}</Link>,
    },
  ];
  return (
    <Table<RoomMember>
      rowKey={(member) => member.orderId}
      size="small"
      columns={columns}
      dataSource={members}
      pagination={false}
    />
  );
}
