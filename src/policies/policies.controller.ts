import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { actorOf, AuthUser } from '../auth/auth-user';
import { CurrentUser, ORGANIZERS, Roles } from '../auth/decorators';
import { ClonePolicyDto, PolicyResponse, PutPolicyDto } from './dto/policy.dto';
import { PoliciesService } from './policies.service';
import { PolicyIdPipe } from './policy-id.pipe';

@ApiTags('policies')
@ApiBearerAuth()
@Roles(...ORGANIZERS, 'supervisor')
@Controller('policies')
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Get()
  @ApiOperation({ summary: 'Reward policies, with the editions that follow each.' })
  @ApiOkResponse({ type: [PolicyResponse] })
  list(): Promise<PolicyResponse[]> {
    return this.policies.list();
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One reward policy with its clauses, titles, prizes and matching rule.',
  })
  @ApiOkResponse({ type: PolicyResponse })
  get(@Param('id', PolicyIdPipe) id: string): Promise<PolicyResponse> {
    return this.policies.get(id);
  }

  @Post(':id/clone')
  @Roles(...ORGANIZERS)
  @ApiOperation({ summary: 'Copy a policy under a new id, to edit it for a new edition.' })
  @ApiOkResponse({ type: PolicyResponse })
  @ApiConflictResponse({ description: 'POLICY_ID_TAKEN' })
  clone(
    @CurrentUser() user: AuthUser,
    @Param('id', PolicyIdPipe) id: string,
    @Body() body: ClonePolicyDto,
  ): Promise<PolicyResponse> {
    return this.policies.clone(actorOf(user), id, body);
  }

  @Put(':id')
  @Roles(...ORGANIZERS)
  @ApiOperation({
    summary:
      'Replace a policy document (validated whole); refused once a closed edition follows it.',
  })
  @ApiOkResponse({ type: PolicyResponse })
  @ApiUnprocessableEntityResponse({
    description: 'POLICY_INVALID (details: every error with its path)',
  })
  @ApiConflictResponse({ description: 'POLICY_IN_USE' })
  replace(
    @CurrentUser() user: AuthUser,
    @Param('id', PolicyIdPipe) id: string,
    @Body() body: PutPolicyDto,
  ): Promise<PolicyResponse> {
    return this.policies.replace(actorOf(user), id, body.document);
  }
}
