import { CustomScalar, Scalar } from '@nestjs/graphql';
import { GraphQLError, Kind, type ValueNode } from 'graphql';

import { formatDecimal } from '../common/money.js';

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

/** Exact decimal, serialised as a string ("0.27"): money never travels as a float. */
@Scalar('Decimal')
export class DecimalScalar implements CustomScalar<string, string> {
  description = 'Exact decimal number written as a string, e.g. "0.27". Prices are USD per unit.';

  serialize(value: unknown): string {
    const formatted = formatDecimal(value as string);
    if (formatted === null) throw new GraphQLError('Decimal cannot be null here');
    return formatted;
  }

  parseValue(value: unknown): string {
    if (typeof value !== 'string' || !DECIMAL_PATTERN.test(value)) {
      throw new GraphQLError('Decimal must be a string such as "0.27"', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return value;
  }

  parseLiteral(ast: ValueNode): string {
    if (ast.kind !== Kind.STRING || !DECIMAL_PATTERN.test(ast.value)) {
      throw new GraphQLError('Decimal must be a string such as "0.27"', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return ast.value;
  }
}

function literalToJson(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
      return Number.parseInt(ast.value, 10);
    case Kind.FLOAT:
      return Number.parseFloat(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map(literalToJson);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((field) => [field.name.value, literalToJson(field.value)]));
    default:
      throw new GraphQLError('JSON literals cannot hold variables', { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

/** Free-form JSON for data whose shape is data (license terms, price conditions). */
@Scalar('JSON')
export class JsonScalar implements CustomScalar<unknown, unknown> {
  description = 'Any JSON value: license terms, price conditions, comparison cells.';

  serialize(value: unknown): unknown {
    return value;
  }

  parseValue(value: unknown): unknown {
    return value;
  }

  parseLiteral(ast: ValueNode): unknown {
    return literalToJson(ast);
  }
}
