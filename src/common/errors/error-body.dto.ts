import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ErrorBody } from './app-error';
import type { FieldError } from './validation';

export class CodedMessageResponse {
  @ApiProperty() code: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  params?: Record<string, unknown>;
}

/** One refused field of VALIDATION_FAILED's details: its worded messages and their codes. */
export class FieldErrorResponse implements FieldError {
  @ApiProperty() field: string;
  @ApiProperty({ type: [String] }) messages: string[];
  @ApiPropertyOptional({ type: [CodedMessageResponse] }) errors?: CodedMessageResponse[];
}

/** Every error the server sends: a stable code, the values its sentence needs, the sentence. */
export class ErrorBodyResponse implements ErrorBody {
  @ApiProperty() statusCode: number;
  @ApiProperty({ description: 'Stable: the client words it from the catalogue' }) code: string;
  @ApiProperty({ description: 'zh-CN unless Accept-Language prefers English' }) message: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  params?: Record<string, unknown>;
  @ApiPropertyOptional({
    description: 'VALIDATION_FAILED: FieldErrorResponse[]; else per code',
    oneOf: [
      { type: 'array', items: {} },
      { type: 'object', additionalProperties: true },
    ],
  })
  details?: unknown;
}
