import { ApiProperty } from '@nestjs/swagger';

export class ChatChannelDto {
  @ApiProperty({
    description: "The channel's id: `channelId` when sending through it.",
    type: Number,
    nullable: true,
    example: 100,
  })
  channelId!: number | null;

  @ApiProperty({
    description:
      'Platform of the channel, as Afilnet names it (`webchat`, `whatsapp`, `telegram`, `operator`).',
    type: String,
    nullable: true,
    example: 'whatsapp',
  })
  platform!: string | null;

  @ApiProperty({ description: "The channel's name.", type: String, nullable: true, example: 'Support' })
  name!: string | null;
}
