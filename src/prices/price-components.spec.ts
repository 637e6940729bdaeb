import { describe, expect, it } from 'vitest';

import { PRICE_COMPONENTS } from '../../scrapers/shared/price-line.js';
import { PriceComponent } from '../generated/prisma/enums.js';

describe('price components', () => {
  it('the normalized records and the database enum price_component name the same components', () => {
    expect([...PRICE_COMPONENTS].sort()).toEqual(Object.values(PriceComponent).sort());
  });
});
