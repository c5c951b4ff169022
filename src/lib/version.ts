/** The product's version, from package.json, shown in every reproducibility footer. */
import { version } from '../../package.json';

export const PRODUCT_VERSION: string = version;
