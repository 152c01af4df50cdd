import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  Max,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { ParseDigits } from '../../../common/validation/integer-params.js';
import { MAX_PAGE_LIMIT } from '../../../database/pagination.js';
import {
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
} from '../../../database/repositories/webhook-endpoints.repository.js';
import { MAX_WEBHOOK_URL_LENGTH, webhookUrlProblem } from '../webhook-url.js';

/** Ids as the database hands them out (`ep_`/`evt_` and a ULID), and as the sandbox's demo data has them. */
export const ENDPOINT_ID = /^ep_[0-9A-HJKMNP-TV-Z]{26}$/;
export const DELIVERY_ID = /^evt_[0-9A-HJKMNP-TV-Z]{26}$/;
export const DEMO_ENDPOINT_ID = 'ep_00000000000000000000000001';
export const DEMO_DELIVERY_ID = 'evt_00000000000000000000000001';

export const MAX_DESCRIPTION_LENGTH = 500;
export const DEFAULT_DELIVERIES_LIMIT = 50;

const URL_RULES =
  `An \`http\` or \`https\` URL of at most ${MAX_WEBHOOK_URL_LENGTH} characters, without credentials ` +
  '(`user:password@`). Loopback and private addresses are allowed (endpoints are usually internal services); ' +
  'link-local addresses (`169.254.0.0/16`, `fe80::/10`, in any spelling, IPv4-mapped IPv6 included) and cloud ' +
  'metadata hosts (`metadata.google.internal`, `fd00:ec2::254`, `100.100.100.200` …) are refused, and a host ' +
  'name that resolves to one is refused at delivery.';

const EVENTS_RULES =
  `1 to ${WEBHOOK_EVENT_TYPES.length} distinct event types. \`message.*\` follow the caller's messages through the ` +
  'ledger, `batch.completed` its batches; `webhook.test` is what `POST /v1/webhooks/{id}/test` sends (a test ' +
  'is sent to the endpoint whether it subscribed to it or not).';

function WebhookUrl(): PropertyDecorator {
  return applyDecorators(
    ValidateBy({
      name: 'isWebhookUrl',
      validator: {
        validate: (value: unknown) => webhookUrlProblem(value) === undefined,
        // The message says what is wrong, never the URL itself (it may hold a token).
        defaultMessage: (args) => webhookUrlProblem(args?.value) ?? 'url is not acceptable',
      },
    }),
  );
}

function WebhookEvents(): PropertyDecorator {
  return applyDecorators(
    IsArray(),
    ArrayMinSize(1, { message: 'events must name at least one event type' }),
    ArrayMaxSize(WEBHOOK_EVENT_TYPES.length),
    ArrayUnique({ message: 'events must not name an event type twice' }),
    IsIn(WEBHOOK_EVENT_TYPES, {
      each: true,
      message: `each of events must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}`,
    }),
  );
}

export class CreateWebhookDto {
  @ApiProperty({
    description: `Where events are POSTed. ${URL_RULES}`,
    format: 'uri',
    pattern: '^[Hh][Tt][Tt][Pp][Ss]?://',
    maxLength: MAX_WEBHOOK_URL_LENGTH,
    example: 'https://billing.internal.example/hooks/afilnet',
  })
  @WebhookUrl()
  url!: string;

  @ApiProperty({
    description: EVENTS_RULES,
    type: String,
    enum: WEBHOOK_EVENT_TYPES,
    isArray: true,
    minItems: 1,
    maxItems: WEBHOOK_EVENT_TYPES.length,
    uniqueItems: true,
    example: ['message.delivered', 'message.failed'],
  })
  @WebhookEvents()
  events!: WebhookEventType[];

  @ApiPropertyOptional({
    description: `What the endpoint is for, up to ${MAX_DESCRIPTION_LENGTH} characters.`,
    maxLength: MAX_DESCRIPTION_LENGTH,
    example: 'Billing: delivery receipts',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DESCRIPTION_LENGTH)
  description?: string;
}

/** A change: only the fields given change; `null` is refused except for `description`, which it clears. */
export class UpdateWebhookDto {
  @ApiPropertyOptional({
    description: `A new URL; deliveries still pending go to it. ${URL_RULES}`,
    format: 'uri',
    pattern: '^[Hh][Tt][Tt][Pp][Ss]?://',
    maxLength: MAX_WEBHOOK_URL_LENGTH,
    example: 'https://billing.internal.example/hooks/afilnet-v2',
  })
  @ValidateIf((_object, value) => value !== undefined)
  @WebhookUrl()
  url?: string;

  @ApiPropertyOptional({
    description: `The event types from now on (events already queued are still delivered). ${EVENTS_RULES}`,
    type: String,
    enum: WEBHOOK_EVENT_TYPES,
    isArray: true,
    minItems: 1,
    maxItems: WEBHOOK_EVENT_TYPES.length,
    uniqueItems: true,
    example: ['message.delivered', 'message.failed', 'message.expired'],
  })
  @ValidateIf((_object, value) => value !== undefined)
  @WebhookEvents()
  events?: WebhookEventType[];

  @ApiPropertyOptional({
    description:
      '`false` stops deliveries: new events are not queued for the endpoint, and those already queued wait ' +
      'until it is enabled again.',
    example: true,
  })
  @ValidateIf((_object, value) => value !== undefined)
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({
    description: `What the endpoint is for, up to ${MAX_DESCRIPTION_LENGTH} characters; \`null\` removes it.`,
    maxLength: MAX_DESCRIPTION_LENGTH,
    nullable: true,
    type: String,
    example: 'Billing: delivery receipts and failures',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DESCRIPTION_LENGTH)
  description?: string | null;
}

export class WebhookParamsDto {
  @ApiProperty({
    description:
      'The endpoint id (`ep_` and 26 characters). The example is a demo endpoint that exists in sandbox mode only.',
    pattern: ENDPOINT_ID.source,
    example: DEMO_ENDPOINT_ID,
  })
  @IsString()
  @Matches(ENDPOINT_ID, { message: 'id must be a webhook endpoint id (ep_ and 26 characters)' })
  id!: string;
}

export class WebhookDeliveryParamsDto extends WebhookParamsDto {
  @ApiProperty({
    description:
      'The delivery id (`evt_` and 26 characters): the `webhook-id` its attempts were sent with, `webhookId` in ' +
      "the deliveries list. The example is the demo endpoint's failed delivery in sandbox mode.",
    pattern: DELIVERY_ID.source,
    example: DEMO_DELIVERY_ID,
  })
  @IsString()
  @Matches(DELIVERY_ID, { message: 'deliveryId must be a delivery id (evt_ and 26 characters)' })
  deliveryId!: string;
}

export class DeliveriesQueryDto {
  @ApiPropertyOptional({
    description: `Attempts per page, 1 to ${MAX_PAGE_LIMIT}.`,
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE_LIMIT,
    default: DEFAULT_DELIVERIES_LIMIT,
    example: 20,
  })
  @IsOptional()
  @ParseDigits()
  @IsInt({ message: '$property must be an integer' })
  @Min(1)
  @Max(MAX_PAGE_LIMIT)
  limit: number = DEFAULT_DELIVERIES_LIMIT;

  @ApiPropertyOptional({
    description: "The previous page's `nextCursor`, to read the next (older) attempts.",
    pattern: '^[A-Za-z0-9_-]{1,100}$',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,100}$/, { message: 'cursor must be a nextCursor this gateway answered' })
  cursor?: string;
}
