import { useQuery } from '@tanstack/react-query';
import { Alert, Flex, Spin, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorOf } from '../../api/api-error';
import { session } from '../../session/session-store';
import { roomQrCodePath, type GroupRoom } from './group-buy';

/** The PNG of a route that answers an image, read with the session's bearer (an <img src> could not send it). */
async function fetchImage(path: string, signal: AbortSignal): Promise<Blob> {
  const token = session.current()?.token;
  const response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {}, signal });
  if (!response.ok) throw await apiErrorOf(response);
  return response.blob();
}

/** A room's QR code (what its leader shares: SHARE_LINK_BASE + its share token) and the link it carries. */
export function RoomQrCode({ campaignId, room }: { campaignId: string; room: GroupRoom }) {
  const { t } = useTranslation('groupBuys');
  const image = useQuery({
    queryKey: ['group-room-qrcode', room.id],
    queryFn: ({ signal }) => fetchImage(roomQrCodePath(campaignId, room.id), signal),
    staleTime: Infinity,
  });
  const url = useMemo(() => (image.data ? URL.createObjectURL(image.data) : null), [image.data]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);

  return (
    <Flex vertical align="center" gap={12}>
      {image.error && <Alert type="error" showIcon title={image.error.message} />}
      {image.isPending && <Spin />}
      {url && (
        <img
          src={url}
          alt={t('rooms.qrAlt')}
          width={240}
          height={240}
          data-testid="room-qrcode"
          style={{ imageRendering: 'pixelated' }}
        />
      )}
      <Typography.Paragraph copyable={{ text: room.shareLink }} style={{ wordBreak: 'break-all', margin: 0 }}>
        {room.shareLink}
      </Typography.Paragraph>
    </Flex>
  );
}
