import { HttpException, HttpStatus } from '@nestjs/common';

export interface InputIssue {
  /** Dotted path of the offending field, e.g. "kind", "workload.requestsPerMonth". */
  path: string;
  message: string;
}

/** 400 whose body names each field and its problem. */
export class InvalidInputException extends HttpException {
  constructor(readonly issues: InputIssue[], where = 'input') {
    super(
      {
        statusCode: HttpStatus.BAD_REQUEST,
        error: 'Bad Request',
        message: `Invalid ${where}: ` + issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; '),
        issues,
      },
      HttpStatus.BAD_REQUEST,
    );
  }
}

/** 404 naming what was looked for. */
export class ResourceNotFoundException extends HttpException {
  constructor(resource: string, key: string, value: string) {
    super(
      {
        statusCode: HttpStatus.NOT_FOUND,
        error: 'Not Found',
        message: `No ${resource} with ${key} "${value}"`,
        resource,
        [key]: value,
      },
      HttpStatus.NOT_FOUND,
    );
  }
}
