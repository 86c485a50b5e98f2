import { GroupBuyCampaign } from './group-buy-campaign.entity';
import { GroupRoomMember } from './group-room-member.entity';
import { GroupRoomShareOpen } from './group-room-share-open.entity';
import { GroupRoom } from './group-room.entity';

export const GROUP_BUY_ENTITIES = [GroupBuyCampaign, GroupRoom, GroupRoomMember, GroupRoomShareOpen];
