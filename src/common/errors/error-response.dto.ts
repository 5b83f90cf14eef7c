// The error shape of docs/api.md, for the OpenAPI document.
import { ApiProperty } from '@nestjs/swagger';

export class ErrorResponseDto {
  @ApiProperty({ example: 'error' })
  status!: 'error';

  @ApiProperty({ example: 'Missing required fields', description: 'Short human title' })
  error!: string;

  @ApiProperty({ example: 'missing_required_fields', description: 'Stable snake_case code' })
  code!: string;

  @ApiProperty({ example: 'campaign_id, company_name are required' })
  message!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, example: {} })
  details!: Record<string, unknown>;

  @ApiProperty({ example: '6f1c2a9e-2b8d-4a51-9c4e-0d3f5e7a8b90' })
  request_id!: string;

  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' })
  timestamp!: string;
}
