// ElevenLabs post-call payloads: only the fields we use are validated; providers add fields.
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CONVERSATION_ID } from '../../calls/conversation-id';
import { ProviderPayload } from '../../common/validation/validation';

export { CONVERSATION_ID };

@ProviderPayload()
export class PostCallDataDto {
  /** @example "conv_01jx9abcdef" */
  @IsDefined()
  @IsString()
  @Matches(CONVERSATION_ID, {
    message: 'conversation_id must be 1–128 characters of A-Z a-z 0-9 _ -',
  })
  conversation_id!: string;

  /** @example "agent_2101kab7rs5tefesz0gm66418aw1" */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  agent_id?: string;

  /** post_call_audio: the MP3, base64. */
  @IsOptional()
  @IsString()
  full_audio?: string;
}

@ProviderPayload()
export class PostCallWebhookDto {
  /** `post_call_transcription`, `post_call_audio` or `call_initiation_failure`. @example "post_call_transcription" */
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  type!: string;

  /** Unix seconds. @example 1763800000 */
  @IsOptional()
  @IsInt()
  event_timestamp?: number;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PostCallDataDto)
  data!: PostCallDataDto;
}

export class PostCallResultDataDto {
  /** The artefact's name in the PAYLOAD_DIR layout (relative; the file exists only when the mirror is configured); null for an ignored type. @example "conv_01jx9abcdef/conv_01jx9abcdef_transcription.json" */
  file_path!: string | null;
  /** @example "post_call_transcription" */
  webhook_type!: string;
  /** Bytes stored. @example 3512 */
  file_size?: number;
  /** True when this exact event was received before; nothing was written again. */
  duplicate?: boolean;
  /** True for a type this server does not handle (kept in the event log). */
  ignored?: boolean;
}

export class PostCallResponseDto {
  /** @example "success" */
  status!: 'success';
  /** @example "Transcription stored" */
  message!: string;
  request_id!: string;
  data!: PostCallResultDataDto;
}
