export class ErasureDataDto {
  /** `call` or `booking_thread`. @example "call" */
  kind!: string;
  /** SHA-256 of the erased id, as kept in the audit log. */
  subject_digest!: string;
  /** What was removed, by kind. @example {"calls":1,"events":3,"idempotency_keys":1,"jobs":0,"mirror_folders":1} */
  removed!: Record<string, number>;
}

export class ErasureResponseDto {
  /** @example "success" */
  status!: 'success';
  /** @example "Erased" */
  message!: string;
  data!: ErasureDataDto;
}
