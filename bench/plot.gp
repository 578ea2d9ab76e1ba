# The plots of one bench run: gnuplot -e "samples='<samples.csv>'; out='<dir>'" bench/plot.gp
set datafile separator ','
set terminal pngcairo size 1200,500 font ',10'
set key outside right top
set grid
set xlabel 'seconds since the stack was up'

set output out.'/throughput.png'
set title 'Applications per second (read model) and load average, whole run'
set ylabel 'applications/s'
set y2label 'load average (1 min)'
set y2tics
plot samples using 1:5 with lines lw 2 title 'applications/s', \
     '' using 1:3 axes x1y2 with lines dt 2 title 'load1'

set output out.'/memory.png'
set title 'Heap used and RSS of each service, whole run'
set ylabel 'MiB'
unset y2label
unset y2tics
plot samples using 1:6 with lines lw 2 title 'process-app heap', \
     '' using 1:7 with lines dt 2 title 'process-app RSS', \
     '' using 1:9 with lines lw 2 title 'payment-adapter heap', \
     '' using 1:10 with lines dt 2 title 'payment-adapter RSS', \
     '' using 1:12 with lines lw 2 title 'key-adapter heap', \
     '' using 1:13 with lines dt 2 title 'key-adapter RSS'
