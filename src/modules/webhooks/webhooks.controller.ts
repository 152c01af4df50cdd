import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CallerKeyName, VisibleTo } from '../../common/auth/caller.decorator.js';
import { AnyKey, Idempotent } from '../../common/policies/policy.decorators.js';
import {
  ApiProblemResponses,
  IDEMPOTENCY_FAILURES,
  POLICY_FAILURES,
} from '../../common/swagger/api-problem-responses.decorator.js';
import {
  CreateWebhookDto,
  DeliveriesQueryDto,
  UpdateWebhookDto,
  WebhookDeliveryParamsDto,
  WebhookParamsDto,
} from './dto/webhook-requests.dto.js';
import {
  CreatedWebhookEndpointDto,
  WebhookAttemptPageDto,
  WebhookDeliveryDto,
  WebhookEndpointDto,
} from './dto/webhook-responses.dto.js';
import { WebhooksService } from './webhooks.service.js';

const OWNERSHIP =
  "An endpoint belongs to the API key that created it and receives only that key's events; any other key gets " +
  '`404 WEBHOOK_NOT_FOUND` (a key with scope `*` sees and manages every endpoint).';
const SIGNING =
  'Deliveries are signed as Standard Webhooks says (`webhook-id`, `webhook-timestamp`, `webhook-signature`); ' +
  'see docs/webhooks.md.';

/**
 * Webhook endpoints and their deliveries (API.md §10). Gateway-only: nothing here calls Afilnet. Any known key may
 * use these routes (`@AnyKey`): an endpoint carries only its own key's events, so managing one needs no scope
 * beyond being a caller — a key limited to `sms` still wants its SMS delivery receipts.
 */
@ApiTags('webhooks')
@AnyKey()
@Controller({ path: 'webhooks', version: '1' })
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Idempotent()
  @ApiOperation({
    summary: 'Register a webhook endpoint',
    description:
      'Stores an enabled endpoint for the events named, and answers its signing secret — the only answer that ' +
      `ever holds it. ${OWNERSHIP} ${SIGNING}`,
  })
  @ApiProblemResponses(['VALIDATION_FAILED', ...POLICY_FAILURES, ...IDEMPOTENCY_FAILURES, 'INTERNAL'])
  @ApiCreatedResponse({
    type: CreatedWebhookEndpointDto,
    description: 'The endpoint, with its signing secret.',
  })
  create(
    @Body() body: CreateWebhookDto,
    @CallerKeyName() caller: string | null,
  ): Promise<CreatedWebhookEndpointDto> {
    return this.webhooks.create(body, caller);
  }

  @Get()
  @ApiOperation({
    summary: 'List webhook endpoints',
    description: `The caller's endpoints, oldest first, without their secrets. ${OWNERSHIP}`,
  })
  @ApiProblemResponses([...POLICY_FAILURES, 'INTERNAL'])
  @ApiOkResponse({ type: [WebhookEndpointDto], description: 'The endpoints.' })
  list(@VisibleTo() visibleTo: string | null): Promise<WebhookEndpointDto[]> {
    return this.webhooks.list(visibleTo);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Read a webhook endpoint',
    description: `The endpoint, without its secret. ${OWNERSHIP}`,
  })
  @ApiProblemResponses(['VALIDATION_FAILED', ...POLICY_FAILURES, 'WEBHOOK_NOT_FOUND', 'INTERNAL'])
  @ApiOkResponse({ type: WebhookEndpointDto, description: 'The endpoint.' })
  find(
    @Param() { id }: WebhookParamsDto,
    @VisibleTo() visibleTo: string | null,
  ): Promise<WebhookEndpointDto> {
    return this.webhooks.find(id, visibleTo);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a webhook endpoint',
    description:
      'Changes the fields given (`url`, `events`, `enabled`, `description`; at least one); the secret stays. ' +
      `Deliveries already queued go to the new URL. ${OWNERSHIP}`,
  })
  @ApiProblemResponses(['VALIDATION_FAILED', ...POLICY_FAILURES, 'WEBHOOK_NOT_FOUND', 'INTERNAL'])
  @ApiOkResponse({ type: WebhookEndpointDto, description: 'The endpoint as it is now.' })
  update(
    @Param() { id }: WebhookParamsDto,
    @Body() body: UpdateWebhookDto,
    @VisibleTo() visibleTo: string | null,
  ): Promise<WebhookEndpointDto> {
    return this.webhooks.update(id, visibleTo, body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete a webhook endpoint',
    description: `Deletes the endpoint with its deliveries and their attempts; nothing more is sent to it. ${OWNERSHIP}`,
  })
  @ApiProblemResponses(['VALIDATION_FAILED', ...POLICY_FAILURES, 'WEBHOOK_NOT_FOUND', 'INTERNAL'])
  @ApiNoContentResponse({ description: 'The endpoint was deleted.' })
  delete(@Param() { id }: WebhookParamsDto, @VisibleTo() visibleTo: string | null): Promise<void> {
    return this.webhooks.delete(id, visibleTo);
  }

  @Post(':id/test')
  @HttpCode(HttpStatus.ACCEPTED)
  @Idempotent()
  @ApiOperation({
    summary: 'Send a test event',
    description:
      'Queues a `webhook.test` event (its `data` is the endpoint as `GET` answers it) for this endpoint, whatever ' +
      'events it subscribed to, and answers the delivery: it is attempted within a second or so, retried like ' +
      'any other, and its attempts are listed at `GET /v1/webhooks/{id}/deliveries`. A disabled endpoint keeps it ' +
      `queued until it is enabled. ${OWNERSHIP} ${SIGNING}`,
  })
  @ApiProblemResponses([
    'VALIDATION_FAILED',
    ...POLICY_FAILURES,
    ...IDEMPOTENCY_FAILURES,
    'WEBHOOK_NOT_FOUND',
    'INTERNAL',
  ])
  @ApiAcceptedResponse({ type: WebhookDeliveryDto, description: 'The test event is queued.' })
  test(
    @Param() { id }: WebhookParamsDto,
    @VisibleTo() visibleTo: string | null,
  ): Promise<WebhookDeliveryDto> {
    return this.webhooks.test(id, visibleTo);
  }

  @Get(':id/deliveries')
  @ApiOperation({
    summary: "List a webhook endpoint's delivery attempts",
    description:
      'Every attempt to deliver an event to this endpoint, newest first, one page at a time: each HTTP request ' +
      'made (`id`), the event (`event`, `webhookId` — the `webhook-id` header, shared by all attempts of one ' +
      "event), its number (`attempt`), the receiver's HTTP status code (`status`, absent without an answer), " +
      'the duration, why it did not deliver (`error`) and the start of the answer. ' +
      `${OWNERSHIP}`,
  })
  @ApiProblemResponses(['VALIDATION_FAILED', ...POLICY_FAILURES, 'WEBHOOK_NOT_FOUND', 'INTERNAL'])
  @ApiOkResponse({ type: WebhookAttemptPageDto, description: 'One page of attempts.' })
  deliveries(
    @Param() { id }: WebhookParamsDto,
    @Query() query: DeliveriesQueryDto,
    @VisibleTo() visibleTo: string | null,
  ): Promise<WebhookAttemptPageDto> {
    return this.webhooks.attempts(id, visibleTo, query);
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(HttpStatus.ACCEPTED)
  @Idempotent()
  @ApiOperation({
    summary: 'Retry a failed delivery',
    description:
      'Queues a `failed` delivery again, due now, for one more attempt with the same `webhook-id` and body (the ' +
      'timestamp and signature are those of the new attempt). A delivery that is still pending or has succeeded ' +
      `is not retried: \`409 WEBHOOK_DELIVERY_NOT_FAILED\`. ${OWNERSHIP}`,
  })
  @ApiProblemResponses([
    'VALIDATION_FAILED',
    ...POLICY_FAILURES,
    ...IDEMPOTENCY_FAILURES,
    'WEBHOOK_NOT_FOUND',
    'WEBHOOK_DELIVERY_NOT_FOUND',
    'WEBHOOK_DELIVERY_NOT_FAILED',
    'INTERNAL',
  ])
  @ApiAcceptedResponse({ type: WebhookDeliveryDto, description: 'The delivery is queued again.' })
  retry(
    @Param() { id, deliveryId }: WebhookDeliveryParamsDto,
    @VisibleTo() visibleTo: string | null,
  ): Promise<WebhookDeliveryDto> {
    return this.webhooks.retry(id, deliveryId, visibleTo);
  }
}
