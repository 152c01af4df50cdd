import { ApiProperty } from '@nestjs/swagger';

export class TemplateDto {
  @ApiProperty({
    description:
      "The template's id; null when Afilnet does not report it (its docs list no result for addtemplate).",
    type: 'integer',
    nullable: true,
    example: 1,
  })
  id!: number | null;

  @ApiProperty({ description: 'Title.', type: String, nullable: true, example: 'Welcome' })
  title!: string | null;

  @ApiProperty({
    description: 'The text with its `<placeholder>`s.',
    type: String,
    nullable: true,
    example: 'Hello <name>, welcome aboard!',
  })
  message!: string | null;

  @ApiProperty({
    description: 'Channel, as Afilnet names it (`mobile`, `whatsapp` or `email`).',
    type: String,
    nullable: true,
    example: 'mobile',
  })
  type!: string | null;
}

export class TemplateDeletedDto {
  @ApiProperty({ description: 'The deleted template id.', example: 1 })
  id!: number;
}
