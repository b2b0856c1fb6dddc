import { main } from '../shared/main.js';
import { mount } from './app.js';

main(mount);
