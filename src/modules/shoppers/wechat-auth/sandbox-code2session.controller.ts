import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Code2SessionBody, sandboxCode2Session } from './domain/sandbox-code2session';
import { Code2SessionAnswerDto, Code2SessionQueryDto } from './dto/code2session.dto';

/** WeChat's code2Session at WeChat's path, so WECHAT_AUTH=wechat can be pointed at this service and tried for real. */
@ApiTags('sandbox')
@Controller('sns')
export class SandboxCode2SessionController {
  @Get('jscode2session')
  @ApiOperation({
    summary: "The sandbox's code2Session (WeChat's GET /sns/jscode2session)",
    description:
      'Answers as WeChat does, HTTP 200 with `{openid, session_key}` or `{errcode, errmsg}`: a code ' +
      '`sandbox:<openid>` logs in as that openid, any other code is errcode 40029. Only where the sandbox is served.',
  })
  @ApiOkResponse({ type: Code2SessionAnswerDto })
  code2Session(@Query() query: Code2SessionQueryDto): Code2SessionBody {
    return sandboxCode2Session(query);
  }
}
